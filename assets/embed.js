/* vinhdanh embed: renders a unit's honour roll inside another website.
 *   <div data-vinhdanh-unit="UNIT-ID" data-year="2023-2024"></div>
 *   <script src="https://SITE/api/embed.js" async></script>
 * Loads https://SITE/api/units/UNIT-ID.js with a script tag (it calls vinhdanhRoll), so it works
 * from any domain without CORS. Builds the DOM with textContent only (no HTML from the data), no
 * inline style element: the host page's styles apply. Without data-year it shows the newest school
 * year with a choice of the others. */
(function () {
  'use strict';
  var me = document.currentScript;
  var base = me && me.src ? me.src.replace(/api\/embed\.js(?:[?#].*)?$/, '') : '';
  var waiting = {}, loaded = {};

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function list(year) {
    var ul = el('ul', '', 'vinhdanh-roll__list');
    year.honourees.forEach(function (h) {
      var li = el('li', '', 'vinhdanh-roll__item');
      var a = el('a', h.name);
      a.href = h.url;
      a.target = '_blank';
      a.rel = 'noopener';
      li.appendChild(a);
      var meta = [h.position, h.awards.map(function (x) { return x.name; }).join(', ')]
        .filter(Boolean).join(' · ');
      if (meta) li.appendChild(document.createTextNode(' – ' + meta));
      ul.appendChild(li);
    });
    return ul;
  }
  function render(box, data, labels) {
    box.textContent = '';
    var root = el('section', '', 'vinhdanh-roll');
    var head = el('p', '', 'vinhdanh-roll__unit');
    var link = el('a', data.unit.name);
    link.href = data.unit.url;
    link.target = '_blank';
    link.rel = 'noopener';
    head.appendChild(link);
    root.appendChild(head);
    box.appendChild(root);
    if (!data.years.length) { root.appendChild(el('p', labels.empty)); return; }
    var fixed = box.getAttribute('data-year');
    var years = data.years.filter(function (y) { return !fixed || y.school_year === fixed; });
    if (!years.length) { root.appendChild(el('p', labels.empty)); return; }
    var body = el('div');
    function show(y) {
      body.textContent = '';
      body.appendChild(el('p', labels.school_year + ' ' + y.school_year, 'vinhdanh-roll__year'));
      body.appendChild(list(y));
    }
    if (!fixed && years.length > 1) {
      var id = 'vinhdanh-year-' + data.unit.id + '-' + Math.random().toString(36).slice(2, 8);
      var label = el('label', labels.school_year + ' ');
      label.htmlFor = id;
      var select = el('select');
      select.id = id;
      years.forEach(function (y, i) {
        var o = el('option', y.school_year);
        o.value = String(i);
        select.appendChild(o);
      });
      select.addEventListener('change', function () { show(years[+select.value]); });
      var p = el('p', '', 'vinhdanh-roll__choose');
      p.appendChild(label);
      p.appendChild(select);
      root.appendChild(p);
    }
    root.appendChild(body);
    show(years[0]);
  }

  window.vinhdanhRoll = function (data, labels) {
    loaded[data.unit.id] = [data, labels || {}];
    (waiting[data.unit.id] || []).forEach(function (box) { render(box, data, labels || {}); });
    waiting[data.unit.id] = [];
  };

  var boxes = document.querySelectorAll('[data-vinhdanh-unit]');
  Array.prototype.forEach.call(boxes, function (box) {
    var id = box.getAttribute('data-vinhdanh-unit');
    if (box.getAttribute('data-vinhdanh-done') || !/^[a-z0-9][a-z0-9-]*$/.test(id)) return;
    box.setAttribute('data-vinhdanh-done', '1');
    if (loaded[id]) { render(box, loaded[id][0], loaded[id][1]); return; }
    if (waiting[id]) { waiting[id].push(box); return; }
    waiting[id] = [box];
    var s = document.createElement('script');
    s.src = base + 'api/units/' + id + '.js';
    s.async = true;
    document.head.appendChild(s);
  });
})();
