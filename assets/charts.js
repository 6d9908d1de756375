/* Statistics pages: a chart's frame scrolls sideways only where the chart is wider than the
 * screen (a phone). Only such a frame stays a tab stop, so the keyboard can scroll it; a frame
 * that does not scroll would be a stop that does nothing. The markup makes every frame focusable
 * (readers without JavaScript can still scroll); this re-checks on every resize and rotation.
 * No inline code: works under a strict CSP. */
(function () {
  'use strict';
  var frames = Array.prototype.slice.call(document.querySelectorAll('.chart-scroll'));
  if (!frames.length) return;
  function update() {
    frames.forEach(function (f) {
      if (f.scrollWidth > f.clientWidth) f.setAttribute('tabindex', '0');
      else f.removeAttribute('tabindex');
    });
  }
  update();
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(update);
    frames.forEach(function (f) {
      observer.observe(f);
      if (f.firstElementChild) observer.observe(f.firstElementChild);
    });
  } else {
    window.addEventListener('resize', update);
  }
})();
