/*
 * (map, labels) => void: each route country's name at its label point, large enough to read
 * from the back of a room, and a tap target of at least 44×44 px (small countries such as Laos
 * and South Korea are far smaller at the regional view). `labels` are [iso3, name, lat, lon, side,
 * tooltip], side being where the name sits against the point (centre, right, left or below), and
 * tooltip what hovering the country says ("China: transit country").
 * A tap or click on a name is a click on that country: the country's layer fires it, so the
 * page learns of it exactly as of a click on the polygon. Names and tooltips are written as text.
 */
function (map, labels) {
  function countryLayer(iso3) {
    var found = null;
    map.eachLayer(function (layer) {
      if (layer.feature && layer.feature.properties.iso3 === iso3 && layer.getElement) found = layer;
    });
    return found;
  }
  // Not Leaflet tooltips: a tooltip measures itself each time it is placed, and eight of those
  // measures each laid the whole page out again as the map was built (about 55 ms of the offline
  // atlas's opening). The names have no size of their own (the span inside sits off its point by
  // CSS), so they need no measuring: a pane of their own, above the countries, and each name's
  // box moved to its point whenever the zoom changes. The pane hides while a zoom animates.
  var pane = map.createPane("atlasNames");
  pane.classList.add("leaflet-zoom-hide");
  var placed = labels.map(function (label) {
    var iso3 = label[0], point = L.latLng(label[2], label[3]);
    var tip = L.DomUtil.create("div", "atlas-name-tip", pane);
    // Text fixed at a point, not a marker, and not a layer, so streamlit-folium, which counts a
    // click on any layer, sees only the country's.
    var name = L.DomUtil.create("span", "atlas-name atlas-name-" + iso3 + " atlas-name-" + label[4], tip);
    name.textContent = label[1];
    L.DomEvent.on(name, "click", function (event) {
      L.DomEvent.stop(event);
      var layer = countryLayer(iso3);
      if (layer) layer.fire("click", {latlng: point, originalEvent: event}, true);
    });
    var layer = countryLayer(iso3);
    if (layer) {
      var hover = document.createElement("span");
      hover.textContent = label[5];
      layer.bindTooltip(hover, {sticky: true});
    }
    return {tip: tip, point: point};
  });
  function place() {
    placed.forEach(function (each) { L.DomUtil.setPosition(each.tip, map.latLngToLayerPoint(each.point)); });
  }
  map.on("zoomend viewreset", place);
  place();
}
