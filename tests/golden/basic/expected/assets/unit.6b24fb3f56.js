/* Unit page: the embed snippets follow the school year chosen (each option carries its own
 * ready-made snippets, built by the generator). No inline code: works under a strict CSP. */
(function () {
  'use strict';
  var select = document.getElementById('embed-year');
  if (!select) return;
  var script = document.getElementById('embed-script');
  var iframe = document.getElementById('embed-iframe');
  var preview = document.getElementById('embed-preview');
  select.addEventListener('change', function () {
    var o = select.options[select.selectedIndex];
    script.value = o.getAttribute('data-script');
    iframe.value = o.getAttribute('data-iframe');
    preview.href = o.getAttribute('data-preview');
  });
  [script, iframe].forEach(function (t) {
    t.addEventListener('focus', function () { t.select(); });
  });
})();
