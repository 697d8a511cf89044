/*
 * (map) => void: on a touch screen a one-finger swipe over the map scrolls the page, as on
 * mobile maps; the map pans with the +/− buttons and pinches. Without this a phone reader whose
 * swipe starts on the map (most of the screen) can neither scroll past it nor reach the panel.
 * A tap on the sea or a neighbour clears the outline at once; the page clears the panel.
 */
function (map) {
  if (window.matchMedia("(hover: none)").matches) map.dragging.disable();
  map.on("click", function (event) {
    var target = event.originalEvent && event.originalEvent.target;
    var onCountry = target && target.classList && target.classList.contains("atlas-country");
    if (!onCountry && window.atlasPick) window.atlasPick(null);
  });
}
