/* vinhdanh search: client-side, no framework, no inline code (works under a strict CSP).
 * The generator writes tim-kiem/chi-muc.<hash>.js (names, units, awards, campaigns, school years;
 * accent-folded) and summary shards loaded after the first results. Both are plain scripts
 * calling vdSearch.index() / vdSearch.shard(), so they also load from disk (file://).
 * Folding must match text::fold in the generator: NFD, drop marks, đ → d, lowercase ASCII words. */
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form) return;
  var ds = form.dataset;
  var base = ds.index.slice(0, ds.index.lastIndexOf('/') + 1);
  var input = form.elements.q;
  var filters = { year: form.elements.year, unit: form.elements.unit, award: form.elements.award };
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var data = null, summaries = [], shown = 50, timer = 0;

  function fold(s) {
    return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ').trim();
  }
  function load(file) {
    var el = document.createElement('script');
    el.src = base + file;
    el.async = true;
    document.head.appendChild(el);
  }
  function msg(template, n) { return template.replace('{n}', String(n)); }

  window.vdSearch = {
    index: function (d) {
      data = d;
      d.years = d.years.map(function (y) { return [y, fold(y)]; });
      d.units.forEach(function (u) { u[2] = ' ' + u[2]; });
      d.awards.forEach(function (a) { a[2] = ' ' + a[2]; });
      d.campaigns.forEach(function (c) { c[2] = ' ' + c[2]; });
      d.p.forEach(function (p) { p.key = ' ' + p[1]; });
      run();
      d.shards.forEach(load);  // summaries: searched as they arrive
    },
    shard: function (d) {
      d.s.forEach(function (text, i) {
        summaries[d.n * data.shard + i] = { text: text, key: ' ' + fold(text) };
      });
      if (input.value.trim()) run();
    }
  };

  // Best field for one query word: name 100 (whole word) / 60 (start of a word), unit or award 20,
  // campaign or school year 15, summary 5; 0 means the profile does not match.
  function score(p, i, t) {
    var at = ' ' + t;
    var k = p.key.indexOf(at);
    if (k >= 0) {
      var end = k + at.length;
      return end === p.key.length || p.key[end] === ' ' ? 100 : 60;
    }
    if (p[3] >= 0 && data.units[p[3]][2].indexOf(at) >= 0) return 20;
    if (p[4].some(function (a) { return data.awards[a][2].indexOf(at) >= 0; })) return 20;
    if (p[5].some(function (c) { return data.campaigns[c][2].indexOf(at) >= 0; })) return 15;
    if (data.years[p[2]][1].indexOf(t) === 0) return 15;
    var s = summaries[i];
    return s && s.key.indexOf(at) >= 0 ? 5 : 0;
  }

  function matches() {
    var words = fold(input.value).split(' ').filter(Boolean);
    var whole = ' ' + words.join(' ');
    var year = filters.year.value, unit = filters.unit.value, award = filters.award.value;
    var out = [];
    data.p.forEach(function (p, i) {
      if (year && data.years[p[2]][0] !== year) return;
      if (unit && (p[3] < 0 || data.units[p[3]][0] !== unit)) return;
      if (award && !p[4].some(function (a) { return data.awards[a][0] === award; })) return;
      var total = 0;
      for (var w = 0; w < words.length; ++w) {
        var s = score(p, i, words[w]);
        if (!s) return;
        total += s;
      }
      if (words.length > 1 && p.key.indexOf(whole) >= 0) total += 200;  // the name as typed
      out.push([total, i]);
    });
    out.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return { words: words, hits: out };
  }

  function url(p) {
    var path = p[7] === undefined ? p[1].replace(/ /g, '-') : p[7];
    if (path.charAt(0) !== '/') path = '/dien-hinh/' + data.years[p[2]][0] + '/' + path + '/';
    return ds.root + path.slice(1) + (path.slice(-1) === '/' ? ds.suffix : '');
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function item(i) {
    var p = data.p[i];
    var li = el('li', 'search-result');
    var h = el('h2', 'search-result__name');
    var a = el('a', null, p[0]);
    a.href = url(p);
    h.appendChild(a);
    li.appendChild(h);
    var meta = [p[3] >= 0 ? data.units[p[3]][1] : '', data.years[p[2]][0]].filter(Boolean);
    li.appendChild(el('p', 'search-result__meta meta', meta.join(' · ')));
    var awards = p[4].map(function (x) { return data.awards[x][1]; }).join(', ');
    if (awards) li.appendChild(el('p', 'search-result__awards', awards));
    if (summaries[i]) li.appendChild(el('p', 'search-result__summary', summaries[i].text));
    return li;
  }

  function run() {
    if (!data) return;
    var r = matches();
    var filtered = filters.year.value || filters.unit.value || filters.award.value;
    list.textContent = '';
    if (!r.words.length && !filtered) {
      status.textContent = '';
      more.hidden = true;
      return;
    }
    status.textContent = r.hits.length ? msg(ds.msgCount, r.hits.length) : ds.msgNone;
    r.hits.slice(0, shown).forEach(function (h) { list.appendChild(item(h[1])); });
    more.hidden = r.hits.length <= shown;
  }
  function schedule() {
    shown = 50;
    clearTimeout(timer);
    timer = setTimeout(function () { run(); remember(); }, 120);
  }
  function remember() {
    var q = new URLSearchParams();
    if (input.value.trim()) q.set('q', input.value.trim());
    Object.keys(filters).forEach(function (k) { if (filters[k].value) q.set(k, filters[k].value); });
    var s = q.toString();
    try { history.replaceState(null, '', s ? '?' + s : location.pathname); } catch (e) { /* file:// */ }
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  Object.keys(filters).forEach(function (k) { filters[k].value = params.get(k) || ''; });
  form.addEventListener('submit', function (e) { e.preventDefault(); run(); remember(); });
  input.addEventListener('input', schedule);
  Object.keys(filters).forEach(function (k) { filters[k].addEventListener('change', schedule); });
  more.addEventListener('click', function () { shown += 50; run(); });
  status.textContent = ds.msgLoading;
  load(ds.index.slice(base.length));
})();
