/*
 * (feature, layer) => void, Leaflet's onEachFeature for the route countries' layer.
 * Names each country's <path> by class (atlas-country atlas-country-CHN) for styling and tests,
 * writes its tooltip as text (never as HTML), and marks a clicked country at once, in the
 * browser; the server's answer then marks it again (selection.js).
 */
function (feature, layer) {
  var iso3 = feature.properties.iso3;
  layer.options.className = "atlas-country atlas-country-" + iso3;
  var tip = document.createElement("span");
  tip.textContent = feature.properties.tooltip;
  layer.bindTooltip(tip, {sticky: true});
  layer.on("click", function () { window.atlasPick(iso3); });
}
