// Brings a keyed container (class st-key-KEY) into view once it has drawn its content: a row
// picked in the Excerpts table shows its excerpt below the table, often below the screen's edge.
window.atlasBringIntoView = window.atlasBringIntoView || ((key, selector) => {
  const until = performance.now() + 3000;  // the rerun draws it within a few frames
  const look = () => {
    const box = document.querySelector(`.st-key-${key}`);
    if (box && box.querySelector(selector)) {
      box.scrollIntoView({block: "nearest", behavior: "smooth"});
    } else if (performance.now() < until) {
      requestAnimationFrame(look);
    }
  };
  look();
});
