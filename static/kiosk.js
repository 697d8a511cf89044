// Kiosk: plays the journey by itself, all night, and heals itself.
//
// Each step shows for its time (the page's .atlas-kiosk-data: ?seconds= for every step, or the
// step's own, stretched to READING_PACE words a second for a long step) while its pane pages
// down, so every excerpt is on screen before the step changes; then the hidden kiosk button moves
// on, and after the last step back to the first. Every RELOAD_EVERY loops the page is loaded
// afresh instead: the address holds everything the loop needs, so the reload is invisible, and it
// empties what a long-lived page gathers (the map component keeps every layer it is sent) and
// starts a new server session. Not every loop: the step after a reload waits for a new page and
// session, which at a fast pace made it the one late step (bench/soak.py).
// A tap, click or key pauses it and shows the Journey's keys; after `idle` seconds without input
// a countdown, then it resumes on the step the visitor left. While the server cannot be reached
// a quiet note says so; when it answers again the page reloads onto the new server, since
// Streamlit reconnects to a restarted server without running the page again.
(() => {
  if (window.atlasKiosk) return;  // st.html runs this again on every rerun
  window.atlasKiosk = true;

  const STEP = 0.85;  // of the pane's height per page, as the clicker pages (journey_pane.js)
  const COUNTDOWN = 10;  // seconds of "Resuming the tour in …" before the loop resumes
  const RETRY = 5000;  // ms before a move that did not happen is asked for again
  const RELOAD_EVERY = 5;  // loops: 40 steps' layers kept at most, then a fresh page
  let loops = 0;
  let heading = null, startedAt = 0, dwell = null, movedAt = 0;
  let playing = true, lastInput = 0, serverUp = true, wasDown = false;

  const data = () => document.querySelector(".atlas-kiosk-data");
  const pane = () => document.querySelector(".st-key-journey_pane");
  const idle = window.atlasSettled;

  const note = document.createElement("div");
  note.className = "atlas-kiosk-note";
  note.hidden = true;
  document.body.appendChild(note);
  function say(words) {
    if (note.textContent !== words) note.textContent = words;
    note.hidden = !words;
  }

  document.body.classList.add("atlas-kiosk-playing");
  function onInput() {
    lastInput = Date.now();
    if (playing) { playing = false; document.body.classList.remove("atlas-kiosk-playing"); }
  }
  ["pointerdown", "keydown", "touchstart", "wheel"].forEach((type) =>
    window.addEventListener(type, onInput, {capture: true, passive: true}));

  function stepTime(box, cfg) {
    if (cfg.fixed === "1") return Number(cfg.seconds);
    const words = ((box && box.innerText) || "").split(/\s+/).filter(Boolean).length;
    return Math.max(Number(cfg.seconds), words / Number(cfg.pace));
  }

  function reload(step) {
    const url = new URL(window.location.href);
    if (step) url.searchParams.set("step", step);
    window.location.replace(url.toString());
  }

  async function checkServer() {
    try {
      const answer = await fetch("/_stcore/health", {cache: "no-store"});
      serverUp = answer.ok;
    } catch (error) {
      serverUp = false;
    }
    if (!serverUp) { wasDown = true; say("Reconnecting…"); return; }
    if (wasDown) reload(null);  // onto the new server process
  }
  setInterval(checkServer, 3000);

  function tick() {
    const element = data();
    if (!element || !serverUp || wasDown) return;
    const cfg = element.dataset, box = pane(), now = Date.now();
    const current = (document.querySelector(".st-key-journey_heading") || {}).textContent;
    // A step's time runs from when its heading appears; its length is read once the rerun has
    // settled, since until then the pane may still hold the step before's text.
    if (current && current !== heading) {
      if (heading !== null && cfg.step === "0") loops += 1;  // a wrap, not the page's first step
      heading = current; startedAt = now; movedAt = 0; dwell = null;
    }
    if (dwell === null && idle()) dwell = stepTime(box, cfg);
    if (!playing) {
      const left = Math.ceil(Number(cfg.idle) - (now - lastInput) / 1000);
      if (left > COUNTDOWN) { say(""); return; }
      if (left > 0) { say(`Resuming the tour in ${left} s`); return; }
      say(""); playing = true; startedAt = now;
      document.body.classList.add("atlas-kiosk-playing");
      return;
    }
    say("");
    const elapsed = (now - startedAt) / 1000;
    if (box) {  // page k of the pane is shown from k/(pages+1) of the step's time
      const page = box.clientHeight * STEP, rest = box.scrollHeight - box.clientHeight;
      const pages = rest > 1 ? Math.ceil(rest / page) : 0;
      const k = dwell ? Math.min(pages, Math.floor((elapsed / dwell) * (pages + 1))) : 0;
      const top = Math.min(rest, k * page);
      if (Math.abs(box.scrollTop - top) > 1) box.scrollTop = top;
    }
    if (dwell === null || elapsed < dwell || !idle() || (movedAt && now - movedAt < RETRY)) return;
    movedAt = now;
    if (cfg.step === cfg.last && loops + 1 >= RELOAD_EVERY) { reload(cfg.first); return; }
    const next = document.querySelector(".st-key-journey_kiosk_next button");
    if (next) next.click();
  }
  setInterval(tick, 250);
})();
