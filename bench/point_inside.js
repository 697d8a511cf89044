/*
 * (iso3) => {x, y} in the frame's viewport, where the country's own <path> is the topmost element,
 * or {error, box}. It scans a grid over the path's box and keeps the hit closest to the box's centre,
 * away from borders (the centre of a concave country's box can lie outside it, or under the legend
 * or a neighbour). Shared by bench/ and tests/browser/conftest.py.
 */
(iso3) => {
  const path = document.querySelector('path.atlas-country-' + iso3);
  if (!path) return {error: 'no path for ' + iso3};
  const box = path.getBoundingClientRect();
  const steps = 24;
  let best = null;
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const x = box.left + box.width * i / steps;
      const y = box.top + box.height * j / steps;
      if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue;
      if (document.elementFromPoint(x, y) !== path) continue;
      const d = Math.hypot(x - (box.left + box.width / 2), y - (box.top + box.height / 2));
      if (best === null || d < best.d) best = {x, y, d};
    }
  }
  if (best === null) {
    return {error: 'no visible point inside ' + iso3, box: [box.left, box.top, box.width, box.height]};
  }
  return {x: best.x, y: best.y};
}
