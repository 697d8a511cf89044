/*
 * (map, rows, footer, large) => void: the legend, a Leaflet control in the map's bottom-right
 * corner. `rows` are [colour, label] pairs and `footer` a last line; all of it is written as text
 * and colour values, never as HTML. The last child stays the footer (stage.js inserts rows above
 * it). `large` is projector type: the names grow, and the page draws the legend under the map.
 */
function (map, rows, footer, large) {
  if (large) {
    map.getContainer().classList.add("atlas-large");
    return;
  }
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "atlas-legend");
    rows.forEach(function (row) {
      var line = L.DomUtil.create("div", "atlas-legend-row", div);
      var swatch = L.DomUtil.create("span", "atlas-legend-swatch", line);
      swatch.style.background = row[0];
      line.appendChild(document.createTextNode(row[1]));
    });
    L.DomUtil.create("div", "atlas-legend-footer", div).textContent = footer;
    return div;
  };
  legend.addTo(map);
}
