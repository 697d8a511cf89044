// What the page scripts share (ui.page_script puts this before each): whether Streamlit's rerun
// has settled, since until then the old step's or country's blocks still shift the new ones, and
// a callback run once a frame after the page changes.
window.atlasSettled = window.atlasSettled || (() =>
  !!document.querySelector("[data-test-script-state='notRunning']")
  && !document.querySelector("[data-stale='true']"));
window.atlasOnChange = window.atlasOnChange || ((callback) => {
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; callback(); });
  }).observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ["data-test-script-state", "data-stale"]});
});
