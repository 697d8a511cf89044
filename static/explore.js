// Explore: the reader keeps their place.
//
// A link from an excerpt to its source first writes that excerpt into this page's address
// (?excerpt=ID), so the browser's Back, like the Sources page's own "Back to China" link, returns
// to it; whenever the address names an excerpt shown here, it is brought into view. On a narrow
// screen, where the panel sits below the map and the list, a new selection brings the panel into
// view, since after a tap on the map nothing visible would change.
(() => {
  if (window.atlasExplore) return;  // st.html runs this again on every rerun
  window.atlasExplore = true;

  const PREFIX = "st-key-excerpt_";
  const narrow = window.matchMedia("(max-width: 640px)");

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a");
    const box = link && link.closest(`[class*='${PREFIX}']`);
    if (!box) return;
    const name = [...box.classList].find((c) => c.startsWith(PREFIX));
    const url = new URL(window.location.href);
    url.searchParams.set("excerpt", name.slice(PREFIX.length));
    window.history.replaceState(window.history.state, "", url);
  }, true);

  let heading = null;
  window.atlasOnChange(() => {
    const panel = document.querySelector(".st-key-explore_panel");
    if (!panel) { heading = null; return; }
    if (!window.atlasSettled()) return;
    const id = new URLSearchParams(window.location.search).get("excerpt");
    const target = id && panel.querySelector(`.${PREFIX}${CSS.escape(id)}:not([data-placed])`);
    if (target) { target.dataset.placed = "1"; target.scrollIntoView({block: "center"}); }
    const now = (panel.querySelector("h2") || {}).textContent || "";
    if (heading !== null && now !== heading && narrow.matches && !target) {
      panel.scrollIntoView({block: "start"});
    }
    heading = now;
  });
})();
