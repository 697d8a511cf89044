/*
 * (map, names) => void: defines window.atlasPick(iso3), which outlines one route country
 * (class atlas-picked) and names it in the map's top-right corner, or clears both for null or a
 * code not in `names` ({iso3: name}). It runs in the browser, so a click answers before the
 * server does. The names are written with textContent, never as HTML.
 */
function (map, names) {
  var label = L.control({position: "topright"});
  label.onAdd = function () {
    var div = L.DomUtil.create("div", "atlas-picked-name");
    div.setAttribute("aria-live", "polite");
    div.hidden = true;
    return div;
  };
  label.addTo(map);
  window.atlasPick = function (iso3) {
    var known = Object.prototype.hasOwnProperty.call(names, iso3);
    var picked = document.querySelectorAll("path.atlas-picked");
    for (var i = 0; i < picked.length; i++) picked[i].classList.remove("atlas-picked");
    var div = label.getContainer();
    div.textContent = known ? names[iso3] : "";
    div.hidden = !known;
    if (!known) return;
    map.eachLayer(function (layer) {
      var path = layer.getElement && layer.getElement();
      if (path && path.classList.contains("atlas-country-" + iso3)) {
        path.classList.add("atlas-picked");
        layer.bringToFront();
      }
    });
  };
}
