// blastradius dashboard. Plain DOM: every piece of text from the API (posts, status pages, the
// catalog) goes in through textContent or SVG text nodes, never as markup.
'use strict';

(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const state = { outages: new Map(), selected: null, refreshTimer: null, source: null };

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function time(iso) {
    if (!iso) return '';
    return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z');
  }

  function minutes(seconds) {
    return Math.round(Math.abs(seconds) / 60);
  }

  async function api(path) {
    const r = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (r.status === 401) {
      showLogin();
      throw new Error('unauthorized');
    }
    if (!r.ok) throw new Error(path + ': ' + r.status);
    return r.json();
  }

  function showLogin() {
    document.getElementById('login').hidden = false;
  }

  async function login(event) {
    event.preventDefault();
    const token = document.getElementById('token').value;
    const r = await fetch('/api/v1/session', { method: 'POST', credentials: 'same-origin',
      headers: { Authorization: 'Bearer ' + token } });
    if (r.ok) {
      document.getElementById('login').hidden = true;
      start();
    } else {
      document.getElementById('login-error').textContent = 'wrong token';
    }
  }

  // ---- the list

  async function loadOutages() {
    const body = await api('/api/v1/outages?limit=200');
    state.outages.clear();
    for (const o of body.data) state.outages.set(o.id, o);
    renderList();
    if (!state.selected && body.data.length > 0) select(body.data[0].id);
  }

  function leadText(o) {
    if (o.leadSeconds !== undefined && o.leadSeconds !== null) {
      return o.leadSeconds >= 0 ? { text: minutes(o.leadSeconds) + ' min before the provider', cls: 'ahead' }
        : { text: minutes(o.leadSeconds) + ' min after the provider', cls: 'behind' };
    }
    return { text: 'provider silent', cls: 'ahead' };
  }

  function renderList() {
    const list = document.getElementById('outages');
    const onlyActive = document.getElementById('only-active').checked;
    clear(list);
    const items = [...state.outages.values()]
      .filter(o => !onlyActive || o.active)
      .sort((a, b) => (b.detected || '').localeCompare(a.detected || '') || a.id.localeCompare(b.id));
    document.getElementById('count').textContent = '(' + items.filter(o => o.active).length + ' active)';
    document.getElementById('empty').hidden = items.length > 0;
    for (const o of items) {
      const li = el('li', { 'data-id': o.id, 'class': o.id === state.selected ? 'selected' : '' });
      const top = el('div');
      top.appendChild(el('span', { 'class': 'scope' }, o.scope));
      top.appendChild(document.createTextNode(' '));
      top.appendChild(el('span', { 'class': 'state ' + o.state }, o.state));
      li.appendChild(top);
      const meta = el('div', { 'class': 'meta' });
      meta.appendChild(el('span', {}, Math.round(o.confidence * 100) + '% sure'));
      meta.appendChild(el('span', {}, 'detected ' + time(o.detected)));
      const lead = leadText(o);
      meta.appendChild(el('span', { 'class': 'lead ' + lead.cls }, lead.text));
      meta.appendChild(el('span', {}, o.observedServices + ' hit, ' + o.atRiskServices + ' at risk'));
      li.appendChild(meta);
      li.addEventListener('click', () => select(o.id));
      list.appendChild(li);
    }
  }

  // ---- one outage

  async function select(id) {
    state.selected = id;
    renderList();
    await loadDetail();
  }

  async function loadDetail() {
    const id = state.selected;
    if (!id) return;
    const [outage, timeline] = await Promise.all([
      api('/api/v1/outages/' + encodeURIComponent(id)),
      api('/api/v1/outages/' + encodeURIComponent(id) + '/timeline')]);
    if (state.selected !== id) return;
    renderDetail(outage.data, outage.meta);
    drawRadius(outage.data.blastRadius);
    drawTimeline(timeline.data);
    renderNotes(timeline.data.notes);
  }

  function fact(dl, label, value) {
    if (value === undefined || value === null || value === '') return;
    const d = el('div');
    d.appendChild(el('dt', {}, label));
    d.appendChild(el('dd', {}, value));
    dl.appendChild(d);
  }

  function renderDetail(o, meta) {
    document.getElementById('detail').hidden = false;
    document.getElementById('d-scope').textContent = o.scope;
    const st = document.getElementById('d-state');
    st.textContent = o.state;
    st.className = 'state ' + o.state;
    document.getElementById('d-summary').textContent = o.summary;
    const facts = document.getElementById('d-facts');
    clear(facts);
    fact(facts, 'confidence', Math.round(o.confidence * 100) + '%');
    fact(facts, 'onset', time(o.onset));
    fact(facts, 'detected', time(o.detected));
    fact(facts, 'provider acknowledged', o.acknowledged ? time(o.acknowledged) : 'not yet');
    fact(facts, 'lead', leadText(o).text);
    fact(facts, 'resolved', time(o.resolved));
    const impact = o.blastRadius.impact;
    fact(facts, 'services hit', impact.observedServices + ' (' + impact.observedUsers.toLocaleString('en') + ' users)');
    fact(facts, 'at risk', impact.atRiskServices + ' (' + impact.atRiskUsers.toLocaleString('en') + ' users)');
    fact(facts, 'second-order', impact.secondOrderServices);
    fact(facts, 'status incidents', (o.evidence.statusIncidentIds || []).join(', '));
    const tr = document.getElementById('transitions');
    clear(tr);
    for (const t of o.transitions || []) {
      tr.appendChild(el('li', {}, time(t.at) + '  ' + (t.from || '—') + ' → ' + t.to + '  ' + t.reason));
    }
    document.getElementById('served').textContent = 'served by ' + meta.servedBy + ' (' + meta.replica + ' replica)';
  }

  // Scope on the left, then each hop of the dependency paths, services on the right: a service
  // reached through another (MetaMask through Infura) sits one column further.
  function drawRadius(radius) {
    const root = document.getElementById('radius');
    clear(root);
    const nodes = new Map();
    const edges = new Set();
    const kindOf = new Map();
    for (const i of radius.observed) kindOf.set(i.service, 'observed');
    for (const i of radius.atRisk) if (!kindOf.has(i.service)) kindOf.set(i.service, 'at-risk');
    const maxPerColumn = 40;
    const columns = [];
    function place(name, col, kind) {
      if (nodes.has(name)) return nodes.get(name);
      columns[col] = columns[col] || [];
      if (columns[col].length >= maxPerColumn) return null;
      const n = { name, col, row: columns[col].length, kind };
      columns[col].push(n);
      nodes.set(name, n);
      return n;
    }
    place(radius.scope, 0, 'scope');
    const all = radius.observed.concat(radius.atRisk).sort((a, b) => a.depth - b.depth || a.service.localeCompare(b.service));
    let hidden = 0;
    for (const i of all) {
      const path = (i.path && i.path.length ? i.path : [i.service, radius.scope]).slice().reverse();
      if (path[0] !== radius.scope) path.unshift(radius.scope); // a narrower scope inside the outage's one
      let prev = nodes.get(radius.scope);
      for (let c = 1; c < path.length; c++) {
        const name = path[c];
        const n = place(name, c, kindOf.get(name) || 'via');
        if (!n) { hidden++; break; }
        if (prev) edges.add(prev.name + '\u0000' + n.name);
        prev = n;
      }
    }
    const colW = 230, rowH = 26, boxW = 180, boxH = 20, pad = 10;
    const rows = Math.max(1, ...columns.map(c => (c ? c.length : 0)));
    const width = pad * 2 + colW * Math.max(1, columns.length - 1) + boxW;
    const height = pad * 2 + rows * rowH + (hidden ? 20 : 0);
    root.setAttribute('width', width);
    root.setAttribute('height', height);
    root.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    const pos = n => ({ x: pad + n.col * colW, y: pad + n.row * rowH });
    for (const e of edges) {
      const [a, b] = e.split('\u0000');
      const p = pos(nodes.get(a)), q = pos(nodes.get(b));
      const x1 = p.x + boxW, y1 = p.y + boxH / 2, x2 = q.x, y2 = q.y + boxH / 2, mx = (x1 + x2) / 2;
      root.appendChild(svg('path', { 'class': 'edge', d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}` }));
    }
    for (const n of nodes.values()) {
      const p = pos(n);
      const g = svg('g', { 'class': 'node ' + n.kind, 'data-name': n.name });
      g.appendChild(svg('rect', { x: p.x, y: p.y, width: boxW, height: boxH, rx: 3 }));
      g.appendChild(svg('text', { x: p.x + 6, y: p.y + 14 }, n.name.length > 28 ? n.name.slice(0, 27) + '…' : n.name));
      g.appendChild(svg('title', {}, n.name + ' (' + n.kind + ')'));
      root.appendChild(g);
    }
    if (hidden) root.appendChild(svg('text', { x: pad, y: height - 6 }, '+' + hidden + ' more not drawn'));
  }

  function drawTimeline(t) {
    const root = document.getElementById('timeline');
    clear(root);
    const m = t.minutes;
    const width = Math.max(600, Math.min(1400, m.length * 6)), height = 200;
    const left = 40, right = 10, top = 10, bottom = 30;
    root.setAttribute('width', width);
    root.setAttribute('height', height);
    root.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    if (m.length === 0) return;
    const t0 = Date.parse(m[0].t), t1 = Date.parse(m[m.length - 1].t) + 60000;
    const x = ts => left + (Date.parse(ts) - t0) / (t1 - t0) * (width - left - right);
    const maxF = Math.max(1, ...m.map(p => p.probeFailures));
    const maxC = Math.max(1, ...m.map(p => p.complaints));
    const plotH = height - top - bottom;
    root.appendChild(svg('line', { 'class': 'axis', x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }));
    const bw = Math.max(1, (width - left - right) / m.length - 1);
    for (const p of m) {
      if (p.probeFailures > 0) {
        const h = p.probeFailures / maxF * plotH;
        const bar = svg('rect', { 'class': 'bar', x: x(p.t), y: height - bottom - h, width: bw, height: h });
        bar.appendChild(svg('title', {}, time(p.t) + ': ' + p.probeFailures + ' of ' + p.probeChecks + ' checks failed'));
        root.appendChild(bar);
      }
    }
    const line = m.map((p, i) => (i ? 'L' : 'M') + (x(p.t) + bw / 2).toFixed(1) + ',' +
      (height - bottom - p.complaints / maxC * plotH).toFixed(1)).join(' ');
    root.appendChild(svg('path', { 'class': 'complaints', d: line }));
    for (const n of t.notes.filter(n => n.kind === 'status')) {
      const xs = x(n.at);
      const mark = svg('line', { 'class': 'status-mark', x1: xs, y1: top, x2: xs, y2: height - bottom });
      mark.appendChild(svg('title', {}, time(n.at) + ' ' + (n.title || '') + ' ' + (n.status || '')));
      root.appendChild(mark);
    }
    if (t.detected) {
      root.appendChild(svg('line', { 'class': 'detected', x1: x(t.detected), y1: top, x2: x(t.detected), y2: height - bottom }));
    }
    if (t.acknowledged) {
      root.appendChild(svg('line', { 'class': 'acked', x1: x(t.acknowledged), y1: top, x2: x(t.acknowledged), y2: height - bottom }));
    }
    // ticks on round minutes (every 5, 10, 15, 30 minutes or hours), about six of them
    const spanMin = (t1 - t0) / 60000;
    const step = [5, 10, 15, 30, 60, 120, 180, 360].find(s => spanMin / s <= 8) || 720;
    for (let tick = Math.ceil(t0 / (step * 60000)) * step * 60000; tick <= t1; tick += step * 60000) {
      const ts = new Date(tick).toISOString();
      const xt = x(ts);
      root.appendChild(svg('line', { 'class': 'axis', x1: xt, y1: height - bottom, x2: xt, y2: height - bottom + 4 }));
      root.appendChild(svg('text', { x: Math.min(xt, width - right - 16), y: height - 10, 'text-anchor': 'middle' },
        ts.slice(11, 16)));
    }
    root.appendChild(svg('text', { x: 2, y: top + 10 }, maxF));
    root.appendChild(svg('text', { x: 2, y: top + 24, 'class': 'unit' }, 'failed'));
    root.appendChild(svg('text', { x: 2, y: top + 36, 'class': 'unit' }, 'checks'));
  }

  function safeLink(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function renderNotes(notes) {
    const list = document.getElementById('notes');
    clear(list);
    for (const n of notes.slice().reverse()) {
      const li = el('li', { 'class': n.kind });
      const head = el('div', { 'class': 'head' });
      head.appendChild(el('span', {}, time(n.at)));
      head.appendChild(el('span', {}, n.kind === 'status' ? 'status update' : 'post'));
      head.appendChild(el('span', {}, n.subject));
      head.appendChild(el('span', {}, n.source || ''));
      if (n.status) head.appendChild(el('span', {}, n.status));
      const href = n.url ? safeLink(n.url) : null;
      if (href) {
        const a = el('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }, 'link');
        a.href = href;
        head.appendChild(a);
      }
      li.appendChild(head);
      if (n.title) li.appendChild(el('div', { 'class': 'title' }, n.title));
      if (n.text) li.appendChild(el('div', { 'class': 'text' }, n.text));
      list.appendChild(li);
    }
  }

  // ---- live updates

  function scheduleDetailRefresh(id) {
    if (id !== state.selected) return;
    clearTimeout(state.refreshTimer);
    state.refreshTimer = setTimeout(() => loadDetail().catch(() => {}), 1000);
  }

  function connect() {
    if (state.source) state.source.close();
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    state.source = source;
    const live = document.getElementById('live');
    source.addEventListener('open', () => { live.textContent = 'live'; live.className = 'live on'; });
    source.addEventListener('error', () => { live.textContent = 'reconnecting'; live.className = 'live off'; });
    const onOutage = o => {
      state.outages.set(o.id, o);
      renderList();
      if (!state.selected) select(o.id);
      else scheduleDetailRefresh(o.id);
    };
    source.addEventListener('outage', e => onOutage(JSON.parse(e.data)));
    source.addEventListener('transition', e => onOutage(JSON.parse(e.data).outage));
    source.addEventListener('reset', () => loadOutages().catch(() => {}));
  }

  function start() {
    loadOutages().then(connect).catch(() => {});
  }

  document.getElementById('login').addEventListener('submit', login);
  document.getElementById('only-active').addEventListener('change', renderList);
  start();
}());
