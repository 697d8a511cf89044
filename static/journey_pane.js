// Projector mode: a presentation clicker pages through the whole step before it moves on.
//
// PageDown or Right first scroll the step's pane by most of its height, and only at its end go on
// to the next step (the Journey's buttons take the key then); PageUp or Left the same backwards.
// On a content-note card the next key is "Skip these excerpts" (S is "Show these excerpts").
// Each step opens at the top of its pane, and a cue says when more is below.
//
// It listens on the window in the capture phase, so it sees a key before Streamlit's own
// shortcuts on the document do, and keeps it from them only when it used the key itself.
(() => {
  if (window.atlasPaneKeys) return;  // st.html runs this again on every rerun
  window.atlasPaneKeys = true;

  const FORWARD = ["PageDown", "ArrowRight"];
  const BACKWARD = ["PageUp", "ArrowLeft"];
  const STEP = 0.85;  // of the pane's height: the last lines stay in view as context
  const used = new Set();  // keys whose keydown this script used: their keyup is its too

  const pane = () => document.querySelector(".st-key-journey_pane");
  const card = () => document.querySelector(".st-key-content_note_card");
  const heading = () => (document.querySelector(".st-key-journey_heading") || {}).textContent;

  function atEnd(box) { return box.scrollTop + box.clientHeight >= box.scrollHeight - 2; }
  function atTop(box) { return box.scrollTop <= 1; }

  function handle(event) {
    const box = pane();
    if (!box) return false;
    const noted = card();
    if (noted && (event.key === "s" || event.key === "S")) {
      noted.querySelector("button").click();  // "Show these excerpts"
      return true;
    }
    const forward = FORWARD.includes(event.key);
    if (!forward && !BACKWARD.includes(event.key)) return false;
    if (forward && noted) {
      const skip = [...noted.querySelectorAll("button")].pop();
      if (skip) skip.click();
      return true;
    }
    if (forward && !atEnd(box)) { box.scrollBy({top: box.clientHeight * STEP}); return true; }
    if (!forward && !atTop(box)) { box.scrollBy({top: -box.clientHeight * STEP}); return true; }
    return false;
  }

  function onKey(event) {
    if (event.type === "keydown" && handle(event)) used.add(event.key);
    if (!used.has(event.key)) return;
    if (event.type === "keyup") used.delete(event.key);
    event.preventDefault();
    event.stopImmediatePropagation();
  }
  window.addEventListener("keydown", onKey, true);
  window.addEventListener("keyup", onKey, true);

  // The cue: "more ↓" and a thin bar showing how far through the pane the class is.
  let shown = null;
  function cue() {
    const box = pane();
    if (!box) return;
    let bar = box.parentElement.querySelector(":scope > .atlas-pane-cue");
    if (!bar) {
      bar = document.createElement("div");
      bar.className = "atlas-pane-cue";
      // Built with createElement: Streamlit's sanitizer drops a script whose text holds a tag.
      const more = document.createElement("span"), track = document.createElement("span");
      more.className = "atlas-pane-more";
      track.className = "atlas-pane-bar";
      track.appendChild(document.createElement("span"));
      bar.append(more, track);
      box.parentElement.appendChild(bar);
      box.addEventListener("scroll", cue, {passive: true});
    }
    // Written only when they change: the observer below would otherwise see its own writes.
    const words = atEnd(box) ? "" : "more ↓";
    const label = bar.querySelector(".atlas-pane-more");
    if (label.textContent !== words) label.textContent = words;
    const seen = box.scrollHeight ? (box.scrollTop + box.clientHeight) / box.scrollHeight : 1;
    const width = Math.round(Math.min(100, seen * 100)) + "%";
    const fill = bar.querySelector(".atlas-pane-bar > span");
    if (fill.style.width !== width) fill.style.width = width;
    const hidden = box.scrollHeight <= box.clientHeight + 2;
    if (bar.hidden !== hidden) bar.hidden = hidden;
  }

  // A new step opens at its top; after "Show these excerpts" the first revealed one comes into view.
  window.atlasOnChange(() => {
    const box = pane();
    if (!box) return;
    const now = heading();
    if (now && now !== shown) { shown = now; box.scrollTop = 0; }
    const first = box.querySelector(".st-key-journey_revealed:not([data-done])");
    if (window.atlasSettled() && first) { first.dataset.done = "1"; first.scrollIntoView({block: "start"}); }
    cue();
  });
})();
