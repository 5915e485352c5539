// The page's only script: it reads the what-if form, asks the server what would change (POST
// /api/portfolio/what-if) and shows the answer without reloading; "Save" PUTs the same settings to
// /api/settings, which bumps the model version and queues a portfolio pass. Results are built with
// textContent, never innerHTML: company names are user data. A `#what-if=<json>` fragment fills
// the form and previews at once (a shareable scenario; also how the headless check drives it).
// Plain ES2017 on purpose: it is served as is, no build step.
export const WHAT_IF_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kam-data').textContent);
  var form = document.getElementById('what-if');
  var out = document.getElementById('what-if-result');
  if (!form || !out) return;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(n) { return Math.round(n).toLocaleString('en-US'); }
  function signed(n) { return n > 0 ? '+' + n : '\u2212' + Math.abs(n); }
  function clone(v) { return JSON.parse(JSON.stringify(v)); }
  function setPath(obj, path, value) {
    var keys = path.split('.');
    var o = obj;
    for (var i = 0; i < keys.length - 1; i++) { if (typeof o[keys[i]] !== 'object' || o[keys[i]] === null) o[keys[i]] = {}; o = o[keys[i]]; }
    o[keys[keys.length - 1]] = value;
  }
  function num(value) { return value.trim() === '' ? null : Number(value); }

  function proposed() {
    var s = clone(data.settings);
    var inputs = form.querySelectorAll('input[name]');
    for (var i = 0; i < inputs.length; i++) {
      var name = inputs[i].name;
      if (name.indexOf('thresholds.') === 0) continue;
      // An empty profit target is 'auto'.
      if (name === 'profitTarget' && inputs[i].value.trim() === '') { s.profitTarget = 'auto'; continue; }
      setPath(s, name, num(inputs[i].value));
    }
    ['attractiveness', 'strength'].forEach(function (axis) {
      var mode = form.elements['thresholds.' + axis + '.mode'].value;
      var value = form.elements['thresholds.' + axis + '.value'].value;
      s.thresholds[axis] = mode === 'portfolio-average' ? 'portfolio-average' : num(value);
    });
    return s;
  }

  function fill(settings) {
    var inputs = form.querySelectorAll('input[name]');
    for (var i = 0; i < inputs.length; i++) {
      var name = inputs[i].name;
      if (name.indexOf('thresholds.') === 0) continue;
      var v = name.split('.').reduce(function (o, k) { return o == null ? o : o[k]; }, settings);
      if (v === 'auto') inputs[i].value = '';
      else if (v !== undefined && v !== null) inputs[i].value = v;
    }
    ['attractiveness', 'strength'].forEach(function (axis) {
      var t = settings.thresholds && settings.thresholds[axis];
      if (t === undefined) return;
      form.elements['thresholds.' + axis + '.mode'].value = t === 'portfolio-average' ? 'portfolio-average' : 'fixed';
      if (t !== 'portfolio-average') form.elements['thresholds.' + axis + '.value'].value = t;
    });
  }

  // Against the origin, not the page's address: a page opened as http://user:pass@host/ may not
  // fetch a URL that carries credentials, and the browser sends the cached ones anyway.
  function send(method, path, extraHeaders) {
    var url = new URL(path, window.location.origin).href;
    var headers = Object.assign({ 'content-type': 'application/json', accept: 'application/json' }, extraHeaders || {});
    return fetch(url, { method: method, credentials: 'same-origin', headers: headers, body: JSON.stringify(proposed()) })
      .then(function (res) { return res.json().catch(function () { return { error: 'HTTP ' + res.status }; }).then(function (body) { return { status: res.status, body: body }; }); });
  }

  function problems(body) {
    var box = el('div', 'problems');
    var list = body.problems || [body.error || 'the request failed'];
    box.appendChild(el('strong', null, list.length === 1 ? 'One problem:' : list.length + ' problems:'));
    var ul = el('ul');
    list.forEach(function (p) { ul.appendChild(el('li', null, p)); });
    box.appendChild(ul);
    return box;
  }

  // The quadrant 'key' and the category 'key' have different names ("Key (matrix)", "Key account").
  function labelOf(title, k) { var l = data.labels[title === 'Quadrant' ? 'quadrant' : 'category']; return (l && l[k]) || k; }

  function countsTable(title, keys, now, next) {
    var t = el('table');
    var head = el('tr');
    [title, 'now', 'proposed', 'change'].forEach(function (h, i) { head.appendChild(el('th', i ? 'num' : null, h)); });
    t.appendChild(head);
    keys.forEach(function (k) {
      var tr = el('tr');
      tr.appendChild(el('td', null, labelOf(title, k)));
      tr.appendChild(el('td', 'num', now[k]));
      tr.appendChild(el('td', 'num', next[k]));
      tr.appendChild(el('td', 'num' + (next[k] !== now[k] ? ' moved' : ' muted'), next[k] === now[k] ? '–' : signed(next[k] - now[k])));
      t.appendChild(tr);
    });
    return t;
  }

  function movesTable(title, keys, matrix) {
    var t = el('table', 'moves');
    var head = el('tr');
    head.appendChild(el('th', null, title + ' now → proposed'));
    keys.forEach(function (k) { head.appendChild(el('th', 'num', labelOf(title, k))); });
    t.appendChild(head);
    keys.forEach(function (from) {
      var tr = el('tr');
      tr.appendChild(el('td', null, labelOf(title, from)));
      keys.forEach(function (to) {
        var n = matrix[from][to];
        tr.appendChild(el('td', 'num ' + (from === to ? 'same' : n > 0 ? 'moved' : 'muted'), n));
      });
      t.appendChild(tr);
    });
    return t;
  }

  function names(label, list, total) {
    var p = el('p', 'next');
    if (total === 0) return p;
    p.textContent = label + ' (' + total + '): ' + list.map(function (c) { return c.name; }).join(', ') + (total > list.length ? ', …' : '');
    return p;
  }

  function showResult(r) {
    out.textContent = '';
    var s = el('p', 'result-summary');
    s.appendChild(el('strong', null, r.quadrantMoves.moved));
    s.appendChild(document.createTextNode(' of ' + fmt(r.companies) + ' accounts would change quadrant and '));
    s.appendChild(el('strong', null, r.categoryMoves.moved));
    s.appendChild(document.createTextNode(' would change category.'));
    out.appendChild(s);
    var th = el('p', 'next', 'Thresholds: attractiveness ' + r.current.thresholds.attractiveness.toFixed(1) + ' → ' + r.proposed.thresholds.attractiveness.toFixed(1)
      + ', strength ' + r.current.thresholds.strength.toFixed(1) + ' → ' + r.proposed.thresholds.strength.toFixed(1)
      + '. Key accounts: ' + r.current.capacity.line + ' → ' + r.proposed.capacity.line + '.');
    out.appendChild(th);
    var grid = el('div', 'result-grid');
    grid.appendChild(countsTable('Quadrant', data.quadrants, r.current.quadrants, r.proposed.quadrants));
    grid.appendChild(countsTable('Category', data.categories, r.current.categories, r.proposed.categories));
    out.appendChild(grid);
    out.appendChild(el('p', 'next', 'Moves, from now (rows) to proposed (columns); the diagonal stays put:'));
    out.appendChild(movesTable('Quadrant', data.quadrants, r.quadrantMoves.matrix));
    out.appendChild(movesTable('Category', data.categories, r.categoryMoves.matrix));
    out.appendChild(names('Would join the key accounts', r.keyList.joiningNames, r.keyList.joining));
    out.appendChild(names('Would leave the key accounts', r.keyList.leavingNames, r.keyList.leaving));
    out.setAttribute('data-state', 'previewed');
  }

  function preview() {
    out.textContent = 'Computing…';
    return send('POST', data.urls.whatIf).then(function (res) {
      if (res.status === 200) return showResult(res.body);
      out.textContent = '';
      out.appendChild(problems(res.body));
      out.setAttribute('data-state', 'refused');
    }).catch(function (err) { out.textContent = 'The preview failed: ' + err.message; });
  }

  function save() {
    if (!window.confirm('Save these settings for portal ' + data.portalId + '? The model version goes up and a full portfolio pass is queued.')) return;
    // The version this page was built on: a save over someone else's newer change is refused (409).
    send('PUT', data.urls.settings, { 'if-match': '"' + data.version + '"' }).then(function (res) {
      out.textContent = '';
      if (res.status !== 200) { out.appendChild(problems(res.body)); return; }
      data.settings = res.body.settings;
      data.version = res.body.version;
      out.appendChild(el('div', 'saved', 'Saved as model version ' + res.body.version + '. A portfolio pass is queued; reload this page once it has run to see the new figures.'));
      out.setAttribute('data-state', 'saved');
    }).catch(function (err) { out.textContent = 'Saving failed: ' + err.message; });
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); preview(); });
  document.getElementById('what-if-save').addEventListener('click', save);

  var m = /^#what-if=(.+)$/.exec(window.location.hash);
  if (m) {
    try {
      var scenario = JSON.parse(decodeURIComponent(m[1]));
      var merged = clone(data.settings);
      Object.keys(scenario).forEach(function (k) {
        merged[k] = scenario[k] && typeof scenario[k] === 'object' && !Array.isArray(scenario[k]) ? Object.assign({}, merged[k], scenario[k]) : scenario[k];
      });
      fill(merged);
      preview();
    } catch (err) { out.textContent = 'The scenario in the address could not be read: ' + err.message; }
  }
})();`;
