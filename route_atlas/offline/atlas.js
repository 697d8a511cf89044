// The offline atlas's one script: it shows what the address and the reader's choices ask for.
//
// Every view is already in the page (each in a section whose id is not a link's word, so that
// the browser never scrolls to one by itself), rendered by route_atlas/offline_atlas.py for each content-note
// setting and card answer it can be in; this script decides nothing about what a reader sees. It
// reads the address (#country=CHN, #step=china, #source=…, #notes=hide, #present, #kiosk&seconds=20
// &idle=60), shows the matching view and variant, moves the one map between Explore and the
// Journey, and answers the clicker's keys and the kiosk's clock as the app's Journey does
// (static/journey_pane.js, static/kiosk.js). Everything it writes from the content is textContent.
(() => {
  const data = JSON.parse(document.getElementById("atlas-data").textContent);
  const map = window[data.map];
  const mapDiv = map.getContainer();
  const steps = data.steps, last = steps.length - 1;
  const STEP = 0.85;  // of the pane's height per page: the last lines stay in view as context
  const COUNTDOWN = 10;  // seconds of "Resuming the tour in …" before the kiosk resumes
  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => [...(root || document).querySelectorAll(selector)];

  const state = {view: "explore", country: null, excerpt: null, step: 0, source: null, from: null,
    notes: "ask", present: false, kiosk: null};
  const choices = {};  // the class's answer to each step's content-note card: "show" or "skip"

  // --- the address ------------------------------------------------------------------------------

  // As words._short: invisible and direction-changing characters are shown as U+FFFD, so an
  // address cannot reverse the sentence that repeats it.
  function short(text) {
    const shown = text.slice(0, data.short).replace(/[\p{C}\u2028\u2029]/gu, "\uFFFD");
    return text.length <= data.short ? shown : shown.slice(0, data.short - 1) + "…";
  }
  function say(parts, asked) { return parts[0] + short(asked) + parts[1]; }

  function wholeNumber(text, range, fallback) {
    const ok = /^[0-9]{1,6}$/.test(text || "") && Number(text) >= range[0] && Number(text) <= range[1];
    return ok ? Number(text) : fallback;
  }

  function stepIndex(asked) {
    const wanted = asked.trim().split(/\s+/).join(" ");
    if (!wanted) return 0;
    if (/^[0-9]+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= steps.length) return Number(wanted) - 1;
    const found = steps.findIndex((step) => step.slug === wanted.toLowerCase());
    return found;
  }

  function read() {
    const asked = {};
    let text = location.hash.replace(/^#/, "");
    try { text = decodeURIComponent(text.replace(/\+/g, " ")); } catch (error) { /* as typed */ }
    text.split("&").filter(Boolean).forEach((part) => {
      const at = part.indexOf("=");
      asked[at < 0 ? part : part.slice(0, at)] = at < 0 ? "" : part.slice(at + 1);
    });
    const notices = [];
    const next = {view: "explore", country: null, excerpt: asked.excerpt || null, step: state.step,
      source: asked.source || null, from: asked.from || null, notes: state.notes,
      present: "present" in asked && asked.present !== "0", kiosk: null};
    if ("kiosk" in asked) {
      next.kiosk = {
        seconds: wholeNumber(asked.seconds, data.kiosk.seconds, null),
        idle: wholeNumber(asked.idle, data.kiosk.idle, data.kiosk.defaultIdle),
      };
      next.view = "journey";
      next.present = true;
      next.notes = asked.notes === "show" ? "show" : "hide";  // no one is there to answer a card
    } else if ("notes" in asked) {
      const notes = asked.notes.trim().toLowerCase();
      if (data.settings.includes(notes)) next.notes = notes;
      else notices.push(say(data.messages.notes, asked.notes));
    }
    if ("country" in asked) {
      const code = asked.country.trim().toUpperCase();
      if (data.codes.includes(code)) next.country = code;
      else if (asked.country.trim()) notices.push(say(data.messages.country, asked.country));
    }
    if ("step" in asked || "journey" in asked || next.kiosk) {
      next.view = "journey";
      if ("step" in asked) {
        const index = stepIndex(asked.step);
        if (index < 0) notices.push(say(data.messages.step, asked.step));
        next.step = Math.max(0, index);
      } else if (state.view !== "journey") {
        next.step = 0;
      }
    }
    if ("sources" in asked || "source" in asked) next.view = "sources";
    if ("why" in asked) next.view = "why";
    return {next, notices};
  }

  function address(s) {
    const parts = [];
    if (s.view === "journey") {
      parts.push(s.kiosk ? "kiosk" : "");
      parts.push("step=" + steps[s.step].slug);
      if (s.kiosk && s.kiosk.seconds) parts.push("seconds=" + s.kiosk.seconds);
      if (s.kiosk && s.kiosk.idle !== data.kiosk.defaultIdle) parts.push("idle=" + s.kiosk.idle);
      if (s.present && !s.kiosk) parts.push("present");
    } else if (s.view === "sources") {
      parts.push(s.source ? "source=" + encodeURIComponent(s.source) : "sources");
      if (s.from) parts.push("from=" + s.from, ...(s.excerpt ? ["excerpt=" + encodeURIComponent(s.excerpt)] : []));
    } else if (s.view === "why") {
      parts.push("why");
    } else if (s.country) {
      parts.push("country=" + s.country);
      if (s.excerpt) parts.push("excerpt=" + encodeURIComponent(s.excerpt));
    } else {
      parts.push("explore");
    }
    if (s.notes !== "ask" && !(s.kiosk && s.notes === "hide")) parts.push("notes=" + s.notes);
    return "#" + parts.filter(Boolean).join("&");
  }

  // A change the reader made: the address follows (a new history entry, so Back goes back),
  // and the page follows the address.
  function go(changes, quietly) {
    Object.assign(state, changes);
    const hash = address(state);
    if (hash === location.hash) { show(); return; }
    if (quietly) { history.replaceState(null, "", hash); show(); return; }
    location.hash = hash;  // a new history entry, so Back goes back
    follow();  // at once: the hashchange event comes a task later, and finds nothing new
  }

  // --- what is shown ----------------------------------------------------------------------------

  function choose(variants, matches) {
    let shown = null;
    variants.forEach((element) => {
      const on = !shown && matches(element);
      if (on) shown = element;
      if (element.hidden === on) element.hidden = !on;
    });
    return shown;
  }
  function notesKey(s, index) {
    const answer = s.notes === "ask" && index !== undefined ? choices[steps[index].slug] : null;
    return answer ? s.notes + "-" + answer : s.notes;
  }
  const hasKey = (element, key) => element.dataset.notes.split(" ").includes(key);

  let shownView = null;
  function show() {
    const s = state;
    $$(".atlas-view").forEach((view) => { view.hidden = view.dataset.view !== s.view; });
    if (s.view !== shownView) {  // a new section opens at its top (the first needs no scrolling)
      if (shownView !== null) window.scrollTo(0, 0);
      shownView = s.view;
    }
    $$("[data-nav]").forEach((link) => {
      if (link.dataset.nav === s.view) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
    $$("[data-notes-setting]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.notesSetting === s.notes));
    });
    document.body.classList.toggle("atlas-present", s.view === "journey" && s.present);
    document.body.classList.toggle("atlas-kiosk", !!s.kiosk);
    mapDiv.classList.toggle("atlas-on-explore", s.view === "explore");
    mapDiv.classList.toggle("atlas-on-journey", s.view === "journey");
    if (s.view === "explore") showExplore(s);
    if (s.view === "journey") showJourney(s);
    if (s.view === "sources") showSources(s);
    if (s.view === "why") choose($$("#view-why .atlas-variant"), (e) => hasKey(e, s.notes));
  }

  function placeMap(box) {  // true when the map has just moved here
    const moved = mapDiv.parentElement !== box;
    if (moved) { box.appendChild(mapDiv); map.invalidateSize({animate: false}); }
    return moved;
  }

  let linkLayer = L.layerGroup().addTo(map);

  function showExplore(s) {
    if (placeMap($("#explore-map-box"))) map.setView(data.view.centre, data.view.zoom, {animate: false});
    mapDiv.classList.remove("atlas-staged");
    linkLayer.clearLayers();
    const panel = choose($$("#explore-panel > .atlas-variant"),
      (e) => e.dataset.country === (s.country || "") && hasKey(e, s.notes));
    window.atlasPick(s.country);
    $$(".atlas-country-list input").forEach((input) => { input.checked = input.value === s.country; });
    const line = panel && $(".atlas-selected-line", panel);
    $(".atlas-selected").textContent = line ? line.textContent : "";
    const excerpt = s.excerpt && panel && $(`[data-excerpt="${CSS.escape(s.excerpt)}"]`, panel);
    if (excerpt) excerpt.scrollIntoView({block: "center"});
  }

  function showJourney(s) {
    const moved = placeMap($("#journey-map-box"));
    const key = notesKey(s, s.step);
    const matches = (e) => Number(e.dataset.step) === s.step && hasKey(e, key);
    choose($$(".atlas-journey-heading .atlas-variant"), matches);
    const pane = $("#journey-pane");
    const newStep = pane.dataset.step !== String(s.step);
    choose($$("#journey-pane > .atlas-variant"), matches);
    if (newStep) pane.scrollTop = 0;  // each step opens at the top of its pane
    // A reader who moved on from the foot of a long step starts the next at its heading.
    const heading = $(".atlas-journey-heading");
    if (newStep && !s.present && heading.getBoundingClientRect().top < 0) heading.scrollIntoView({block: "start"});
    pane.dataset.step = String(s.step);
    $$("[data-move]").forEach((button) => {
      const back = button.dataset.move === "first" || button.dataset.move === "previous";
      button.disabled = back ? s.step === 0 : s.step === last;
    });
    $$(".atlas-kiosk-dots span").forEach((dot) => dot.classList.toggle("atlas-here", Number(dot.dataset.dot) === s.step));
    const step = steps[s.step];
    window.atlasPick(null);
    window.atlasStage(step.countries, step.earlier);
    linkLayer.clearLayers();
    step.links.forEach((points) => L.polyline(points, data.linkStyle).addTo(linkLayer));
    if (moved || newStep) map.setView(step.centre, step.zoom, {animate: false});
    cue();
  }

  function showSources(s) {
    choose($$("#view-sources > .atlas-variant"), (e) => hasKey(e, s.notes));
    const back = $("#view-sources .atlas-back");
    back.hidden = !(s.from && data.back[s.from]);
    if (!back.hidden) {
      const link = $("a", back);
      link.textContent = data.back[s.from];
      link.href = "#country=" + s.from + (s.excerpt ? "&excerpt=" + encodeURIComponent(s.excerpt) : "");
    }
    const heading = s.source && $(`#view-sources > .atlas-variant:not([hidden]) [data-source="${CSS.escape(s.source)}"]`);
    if (heading) heading.scrollIntoView({block: "start"});
    else window.scrollTo(0, 0);
  }

  // --- the reader's hands -----------------------------------------------------------------------

  Object.entries(map._layers).forEach(([, layer]) => {
    const iso3 = layer.feature && layer.feature.properties.iso3;
    if (!iso3 || !data.codes.includes(iso3)) return;
    layer.on("click", () => {
      if (state.view !== "explore") return;
      go({country: iso3, excerpt: null});
      // On a narrow screen the panel is under the map: the tap brings it into view.
      const panel = $("#explore-panel");
      if (panel.getBoundingClientRect().top > window.innerHeight * 0.6) panel.scrollIntoView({block: "start"});
    });
  });
  map.on("click", (event) => {
    const target = event.originalEvent && event.originalEvent.target;
    const onCountry = target && target.classList && target.classList.contains("atlas-country");
    if (!onCountry && state.view === "explore" && state.country) go({country: null, excerpt: null});
  });
  $$(".atlas-country-list input").forEach((input) => {
    input.addEventListener("change", () => go({country: input.value, excerpt: null}));
  });
  $$("[data-notes-setting]").forEach((button) => {
    button.addEventListener("click", () => go({notes: button.dataset.notesSetting}));
  });
  $$("[data-move]").forEach((button) => {
    button.addEventListener("click", () => move({first: -Infinity, previous: -1, next: 1, last: Infinity}[button.dataset.move]));
  });
  $("[data-present]").addEventListener("click", () => go({present: !state.present}));
  $("#journey-pane").addEventListener("click", (event) => {
    const button = event.target.closest("[data-choice]");
    if (!button) return;
    decide(button.dataset.choice);
  });
  // A link inside the page (a nav link, "About this source") is a change the reader made.
  window.addEventListener("hashchange", () => { if (location.hash !== followed) follow(); });

  function move(delta) {
    const index = Math.max(0, Math.min(last, state.step + delta));
    if (index !== state.step) go({step: index}, !!state.kiosk);
  }
  function decide(choice) {
    choices[steps[state.step].slug] = choice;
    show();
    if (choice === "show") {  // the first excerpt it reveals comes into view
      const first = $("#journey-pane > .atlas-variant:not([hidden]) .atlas-note");
      if (first) first.parentElement.scrollIntoView({block: "start"});
    }
  }

  // The clicker: PageDown or Right first page through the step's pane, and only at its end go on
  // to the next step; PageUp or Left the same backwards; Home and End; on a content-note card the
  // next key skips and S shows.
  const FORWARD = ["PageDown", "ArrowRight"], BACKWARD = ["PageUp", "ArrowLeft"];
  function atEnd(box) { return box.scrollTop + box.clientHeight >= box.scrollHeight - 2; }
  function atTop(box) { return box.scrollTop <= 1; }
  function visibleCard() { return $("#journey-pane > .atlas-variant:not([hidden]) .atlas-card"); }
  window.addEventListener("keydown", (event) => {
    if (state.view !== "journey" || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest && event.target.closest("input, textarea, select")) return;
    const box = $("#journey-pane"), card = visibleCard();
    const forward = FORWARD.includes(event.key), backward = BACKWARD.includes(event.key);
    const scrolls = box.scrollHeight > box.clientHeight + 2;
    let used = true;
    if (card && (event.key === "s" || event.key === "S")) decide("show");
    else if (forward && card) decide("skip");
    else if (forward && scrolls && !atEnd(box)) box.scrollBy({top: box.clientHeight * STEP});
    else if (backward && scrolls && !atTop(box)) box.scrollBy({top: -box.clientHeight * STEP});
    else if (forward) move(1);
    else if (backward) move(-1);
    else if (event.key === "Home") move(-Infinity);
    else if (event.key === "End") move(Infinity);
    else used = false;
    if (used) event.preventDefault();
  }, true);

  // The cue under a projector's pane: "more ↓" while there is more below.
  function cue() {
    const box = $("#journey-pane"), bar = $(".atlas-pane-cue");
    bar.hidden = !state.present || atEnd(box);
  }
  $("#journey-pane").addEventListener("scroll", cue, {passive: true});

  // --- the kiosk --------------------------------------------------------------------------------
  // Each step shows for its time (#seconds= for every step, or the step's own, stretched to the
  // reading pace for a long one) while its pane pages down; after the last step the first. A tap,
  // click or key pauses it and shows the keys; after `idle` seconds without input, a countdown.

  const note = $(".atlas-kiosk-note");
  function quietly(words) {
    if (note.textContent !== words) note.textContent = words;
    note.hidden = !words;
  }
  let startedAt = 0, dwell = 0, shownStep = -1, playing = true, lastInput = 0;
  function onInput() {
    if (!state.kiosk) return;
    lastInput = Date.now();
    if (playing) { playing = false; document.body.classList.remove("atlas-kiosk-playing"); }
  }
  ["pointerdown", "keydown", "touchstart", "wheel"].forEach((type) =>
    window.addEventListener(type, onInput, {capture: true, passive: true}));

  function stepTime(box, kiosk) {
    if (kiosk.seconds) return kiosk.seconds;
    const words = (box.innerText || "").split(/\s+/).filter(Boolean).length;
    return Math.max(steps[state.step].seconds, words / data.kiosk.pace);
  }
  function tick() {
    const kiosk = state.kiosk;
    if (!kiosk) {
      if (!note.hidden) quietly("");
      if (document.body.classList.contains("atlas-kiosk-playing")) document.body.classList.remove("atlas-kiosk-playing");
      return;
    }
    const box = $("#journey-pane"), now = Date.now();
    if (state.step !== shownStep) { shownStep = state.step; startedAt = now; dwell = stepTime(box, kiosk); }
    if (!playing) {
      const left = Math.ceil(kiosk.idle - (now - lastInput) / 1000);
      if (left > COUNTDOWN) { quietly(""); return; }
      if (left > 0) { quietly(data.kiosk.resuming.replace("{seconds}", left)); return; }
      quietly(""); playing = true; startedAt = now;
    }
    document.body.classList.add("atlas-kiosk-playing");
    const elapsed = (now - startedAt) / 1000;
    const page = box.clientHeight * STEP, rest = box.scrollHeight - box.clientHeight;
    const pages = rest > 1 ? Math.ceil(rest / page) : 0;  // page k shows from k/(pages+1) of the time
    const k = Math.min(pages, Math.floor((elapsed / dwell) * (pages + 1)));
    const top = Math.min(rest, k * page);
    if (Math.abs(box.scrollTop - top) > 1) box.scrollTop = top;
    if (elapsed >= dwell) go({step: state.step === last ? 0 : state.step + 1}, true);
  }
  setInterval(tick, 250);

  // --- start ------------------------------------------------------------------------------------

  let followed = null;  // the address the page last followed
  function follow() {
    followed = location.hash;
    const {next, notices} = read();
    const wasKiosk = !!state.kiosk;
    Object.assign(state, next);
    if (state.kiosk && !wasKiosk) { playing = true; shownStep = -1; }
    const notice = $(".atlas-notice");
    notice.textContent = notices.join(" ");
    notice.hidden = !notices.length;
    show();
  }
  follow();
  document.documentElement.dataset.atlasReady = "1";  // for the tests and the benchmark
})();
