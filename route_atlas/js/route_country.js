/*
 * (feature, layer) => void, Leaflet's onEachFeature for the route countries' layer.
 * Names each country's <path> by class (atlas-country atlas-country-CHN) for styling and tests,
 * and marks a clicked country at once, in the browser; the server's answer then marks it again
 * (selection.js). Its tooltip is bound by country_names.js, with the names.
 */
function (feature, layer) {
  var iso3 = feature.properties.iso3;
  layer.options.className = "atlas-country atlas-country-" + iso3;
  layer.on("click", function () { window.atlasPick(iso3); });
}
