/*
 * (map, keys) => void: hands the `keys` a presentation clicker sends (ArrowRight, PageDown, ...)
 * on to the page around the map's frame. A click on the map moves the keyboard's focus into the
 * frame; without this the Journey's buttons would stop answering the clicker after one.
 * Both key down and key up: Streamlit's shortcut library counts a key held until it is let go.
 */
function (map, keys) {
  if (window.parent === window) return;
  ["keydown", "keyup"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (keys.indexOf(event.key) < 0) return;
      event.preventDefault();
      window.parent.document.dispatchEvent(
        new KeyboardEvent(type, {key: event.key, code: event.code, bubbles: true})
      );
    });
  });
}
