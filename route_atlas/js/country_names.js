/*
 * (map, labels) => void: each route country's name at its label point, large enough to read
 * from the back of a room, and a tap target of at least 44×44 px (small countries such as Laos
 * and South Korea are far smaller at the regional view). `labels` are [iso3, name, lat, lon, side],
 * side being where the name sits against the point (centre, right, left or below).
 * A tap or click on a name is a click on that country: the country's layer fires it, so the
 * page learns of it exactly as of a click on the polygon. Names are written as text.
 */
function (map, labels) {
  function countryLayer(iso3) {
    var found = null;
    map.eachLayer(function (layer) {
      if (layer.feature && layer.feature.properties.iso3 === iso3 && layer.getElement) found = layer;
    });
    return found;
  }
  labels.forEach(function (label) {
    var iso3 = label[0], point = L.latLng(label[2], label[3]);
    // A standalone tooltip: text fixed at a point, not a marker, and not a target of its own, so
    // streamlit-folium, which counts a click on any layer, sees only the country's.
    var name = L.DomUtil.create("span", "atlas-name atlas-name-" + iso3 + " atlas-name-" + label[4]);
    name.textContent = label[1];
    L.tooltip({permanent: true, direction: "center", className: "atlas-name-tip", interactive: false})
      .setLatLng(point).setContent(name).addTo(map);
    L.DomEvent.on(name, "click", function (event) {
      L.DomEvent.stop(event);
      var layer = countryLayer(iso3);
      if (layer) layer.fire("click", {latlng: point, originalEvent: event}, true);
    });
  });
}
