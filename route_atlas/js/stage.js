/*
 * (map, legendRows) => void: defines window.atlasStage(current, visited), which draws one
 * journey step: the `current` countries bold (atlas-current), the `visited` ones dashed
 * (atlas-visited), the rest faded (the container's atlas-staged). The first call adds
 * `legendRows` (what bold and dashed mean, and the schematic line) to the legend, as text,
 * above its last line.
 */
function (map, legendRows) {
  window.atlasStage = function (current, visited) {
    var container = map.getContainer();
    container.classList.add("atlas-staged");
    var legend = container.querySelector(".atlas-legend");
    if (legend && !legend.querySelector(".atlas-stage-row")) {
      var footer = legend.lastChild;
      legendRows.forEach(function (words, i) {
        var row = L.DomUtil.create("div", "atlas-stage-row");
        legend.insertBefore(row, footer);
        // A box with a solid or a dashed outline, then the schematic line itself.
        var swatch = L.DomUtil.create("span", i < 2 ? "atlas-stage-swatch" : "atlas-link-swatch", row);
        if (i < 2) swatch.style.borderStyle = i === 0 ? "solid" : "dashed";
        row.appendChild(document.createTextNode(words));
      });
    }
    map.eachLayer(function (layer) {
      var path = layer.getElement && layer.getElement();
      if (!path || !path.classList.contains("atlas-country")) return;
      var iso3 = layer.feature && layer.feature.properties.iso3;
      path.classList.toggle("atlas-current", current.indexOf(iso3) >= 0);
      path.classList.toggle("atlas-visited", visited.indexOf(iso3) >= 0);
      if (current.indexOf(iso3) >= 0) layer.bringToFront();
    });
  };
}
