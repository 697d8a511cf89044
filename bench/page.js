/*
 * The benchmark's watcher, installed in every frame of every page before the page's own scripts
 * (an init script), and by bench/measure.py in the map's iframe, which init scripts do not reach.
 *
 * __bench.arm(key, cond, arg, poll) watches for conds[cond](arg) with a MutationObserver (and, with
 * poll, an animation-frame loop); the hit records when it was seen and the animation frame that
 * shows it. Each click event's dispatch time is recorded, in the capture phase, in the frame the
 * click lands in. Times are performance.timeOrigin + performance.now(), so they compare across
 * the map's iframe and the page.
 */
(() => {
  // Per document: an iframe's first about:blank document and the page it then loads share one window.
  if (window.__bench && window.__bench.document === document) return;
  const abs = () => performance.timeOrigin + performance.now();
  // This document and the same-origin iframes in it (the page watches the map's iframe from
  // outside as well, since it has no watcher of its own until a click arms one there).
  const docs = () => {
    const out = [document];
    for (const f of document.querySelectorAll('iframe')) {
      try { if (f.contentDocument) out.push(f.contentDocument); } catch (e) { /* another origin */ }
    }
    return out;
  };
  const all = (selector) => docs().flatMap((d) => [...d.querySelectorAll(selector)]);
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    const s = el.ownerDocument.defaultView.getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none';
  };
  // Streamlit keeps the previous run's elements on screen, marked stale, until they are replaced.
  const fresh = (el) => {
    const c = el.closest('[data-stale]');
    return !c || c.getAttribute('data-stale') !== 'true';
  };
  const current = (el) => fresh(el) && shown(el);
  const conds = {
    routePaths: (a) => {
      const paths = all('path.atlas-country');
      if (paths.length < a.count) return false;
      return paths.every((p) => { const r = p.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
    },
    button: (a) => all('button').some((b) => b.textContent.trim() === a.text && !b.disabled && shown(b)),
    picked: (a) => all('path.atlas-country-' + a.iso3 + '.atlas-picked').length > 0
      && all('.leaflet-container .atlas-picked-name').some((e) => e.textContent.includes(a.name) && shown(e)),
    scriptRunning: () => {
      const app = document.querySelector('[data-testid="stApp"]');
      return !!app && app.getAttribute('data-test-script-state') !== 'notRunning';
    },
    heading: (a) => all('h3').some((h) => h.textContent.trim() === a.text && current(h)),
    // The atlas's panel is the container the app keys "explore_panel": complete when it holds the
    // country's heading and a quotation, both from this run.
    keyedPanel: (a) => all('.st-key-' + a.key).some((panel) =>
      [...panel.querySelectorAll('h2')].some((h) => h.textContent.trim() === a.name && current(h))
      && [...panel.querySelectorAll('blockquote')].some(current)),
  };
  const B = window.__bench = {document, hits: {}, armed: {}, click: null, errors: []};
  let observer = null;
  let looping = false;
  const check = (inFrame) => {
    for (const [key, w] of Object.entries(B.armed)) {
      let ok = false;
      try { ok = conds[w.cond](w.arg || {}); } catch (e) { B.errors.push(String(e)); }
      if (!ok) continue;
      delete B.armed[key];
      const t = abs();
      const hit = B.hits[key] = {seen: t, frame: inFrame ? t : null};
      if (!inFrame) requestAnimationFrame(() => { hit.frame = abs(); });
    }
    if (!Object.keys(B.armed).length && observer) { observer.disconnect(); observer = null; }
  };
  // The animation-frame loop runs only for watches that ask for it (the first load, where the map's
  // iframe, watched from outside, has no observer of its own); clicks are seen by observers alone.
  const loop = () => {
    if (!Object.values(B.armed).some((w) => w.poll)) { looping = false; return; }
    check(true);
    requestAnimationFrame(loop);
  };
  B.arm = (key, cond, arg, poll) => {
    delete B.hits[key];
    B.armed[key] = {cond, arg, poll};
    B.click = null;
    if (!observer) {
      observer = new MutationObserver(() => check(false));
      observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    }
    if (poll && !looping) { looping = true; requestAnimationFrame(loop); }
  };
  B.disarm = () => { B.armed = {}; };
  // What the page shows of a failure: an exception box, or Streamlit's connection-lost status.
  B.shownErrors = () => [...document.querySelectorAll(
    '[data-testid="stException"], [data-testid="stConnectionStatus"]')].map(
    (e) => e.getAttribute('data-testid') + ': ' + e.innerText.replace(/\s+/g, ' ').slice(0, 160));
  // What a timeout reports of the frame.
  B.diagnosis = () => ({
    url: location.href,
    own: B.document === document,
    armed: B.armed,
    hits: B.hits,
    errors: B.errors.slice(0, 3),
    paths: all('path.atlas-country').length,
    iframes: document.querySelectorAll('iframe').length,
    script: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
    shown: B.shownErrors(),
  });
  window.addEventListener('click', () => { if (B.click === null) B.click = abs(); }, true);
})();
