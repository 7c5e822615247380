// The anomaly-hunter page: plain JavaScript, no libraries, nothing fetched from outside this daemon.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { series: null, metrics: [], anomalies: new Map(), incidents: new Map(), changes: [], incident: null };
const DEFAULT_SERIES = 'host_cpu_percent{mode="total"}';

function fmt(v) {
  if (v === null || v === undefined) return '–';
  const a = Math.abs(v);
  if (a >= 1e9) return (v / 1e9).toFixed(2) + 'G';
  if (a >= 1e6) return (v / 1e6).toFixed(2) + 'M';
  if (a >= 1e4) return (v / 1e3).toFixed(1) + 'k';
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
function time(t) { return t ? new Date(t).toLocaleString() : '–'; }
// Escapes for both element text and quoted attribute values: every server string goes through it.
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function text(s) { return String(s ?? '').replace(/[&<>"']/g, c => ESCAPES[c]); }
async function getJson(url) {
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) throw new Error(url + ': ' + r.status);
  return r.json();
}

async function refreshHealth() {
  try {
    const h = await getJson('/health');
    $('status').textContent = h.status + (h.ready ? '' : ' (starting)');
    $('status').dataset.status = h.status;
    $('summary').textContent = 'v' + h.version + ' · up ' + h.uptime_seconds + ' s · ' +
      h.collectors.map(c => c.name + ': ' + c.status.toLowerCase()).join(', ');
  } catch (e) {
    $('status').textContent = 'unreachable';
    $('status').dataset.status = 'DOWN';
  }
}

async function refreshMetrics() {
  state.metrics = await getJson('/api/v1/metrics');
  const sel = $('metric-select');
  if (sel.options.length !== state.metrics.length) {
    const keep = state.series;
    sel.innerHTML = '';
    for (const m of state.metrics) {
      const o = document.createElement('option');
      o.value = m.series; o.textContent = m.series;
      sel.appendChild(o);
    }
    state.series = keep || (state.metrics.some(m => m.series === DEFAULT_SERIES) ? DEFAULT_SERIES
      : (state.metrics[0] || {}).series);
    sel.value = state.series;
  }
  const cur = state.metrics.find(m => m.series === state.series);
  if (cur) {
    $('latest-value').textContent = fmt(cur.value);
    $('latest-unit').textContent = cur.unit;
    $('latest-time').textContent = time(cur.time);
    $('latest-time').dataset.time = cur.time;
    $('baseline-state').textContent = cur.baseline_ready ? 'ready' : 'learning';
  }
}

function rangeSeconds(r) {
  const n = parseInt(r, 10);
  return r.endsWith('m') ? n * 60 : r.endsWith('h') ? n * 3600 : n * 86400;
}

async function refreshChart() {
  if (!state.series) return;
  const range = $('range-select').value;
  const step = Math.max(5, Math.round(rangeSeconds(range) / 300));
  const s = await getJson('/api/v1/series?metric=' + encodeURIComponent(state.series) +
    '&from=' + range + '&step=' + (step >= 60 ? Math.round(step / 60) + 'm' : step + 's'));
  // This series' anomalies over the whole range, not only those of the list below.
  const metric = state.series.split('{')[0];
  const a = await getJson('/api/v1/anomalies?metric=' + encodeURIComponent(metric) + '&since=' + range + '&limit=1000');
  drawChart(s, a.items.filter(x => x.series === state.series));
}

// The band is drawn as the baseline expected it at each point (stored with the minute's rollup), so a past
// anomaly stands outside the band it broke; each anomaly is a shaded span with a dot at its peak.
function drawChart(s, anomalies) {
  const W = 900, H = 260, pts = s.points;
  const t0 = Date.parse(s.from), t1 = Date.parse(s.to);
  let lo = Infinity, hi = -Infinity;
  for (const p of pts) {
    lo = Math.min(lo, p.value, p.expected_low ?? p.value);
    hi = Math.max(hi, p.value, p.expected_high ?? p.value);
  }
  for (const a of anomalies) {
    if (Date.parse(a.peak_time) >= t0) { lo = Math.min(lo, a.peak_value); hi = Math.max(hi, a.peak_value); }
  }
  if (!isFinite(lo)) { lo = 0; hi = 1; }
  if (hi - lo < 1e-9) { hi = lo + 1; }
  const pad = (hi - lo) * 0.05; lo -= pad; hi += pad;
  const x = (t) => ((Date.parse(t) - t0) / (t1 - t0)) * W;
  const y = (v) => H - ((v - lo) / (hi - lo)) * H;
  $('chart-line').setAttribute('d', pts.map((p, i) => (i ? 'L' : 'M') + x(p.time).toFixed(1) + ' ' + y(p.value).toFixed(1)).join(' '));
  // One band polygon per run of points that have a band; gaps (learning, restarts) stay gaps.
  const runs = [];
  let run = [];
  for (const p of pts) {
    if (p.expected_low !== null && p.expected_high !== null) { run.push(p); } else if (run.length) { runs.push(run); run = []; }
  }
  if (run.length) runs.push(run);
  $('chart-band').setAttribute('d', runs.filter(r => r.length > 1).map(r =>
    r.map((p, i) => (i ? 'L' : 'M') + x(p.time).toFixed(1) + ' ' + y(p.expected_high).toFixed(1)).join(' ') + ' ' +
    r.slice().reverse().map(p => 'L' + x(p.time).toFixed(1) + ' ' + y(p.expected_low).toFixed(1)).join(' ') + ' Z').join(' '));
  const marks = $('chart-marks');
  marks.innerHTML = '';
  const svg = (tag, attrs) => {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    marks.appendChild(e);
    return e;
  };
  for (const a of anomalies) {
    const xa = Math.max(0, x(a.start)), xb = Math.min(W, a.end ? x(a.end) : W);
    if (xb < 0 || xa > W) continue;
    svg('rect', { x: xa, y: 0, width: Math.max(2, xb - xa), height: H, class: 'anomaly-span', 'data-id': a.id });
    svg('rect', { x: xa, y: 0, width: Math.max(2, xb - xa), height: 6, class: 'mark' });
    const px = x(a.peak_time);
    if (px >= 0 && px <= W) {
      svg('circle', { cx: px, cy: y(a.peak_value), r: 4, class: 'anomaly-peak', 'data-id': a.id })
        .appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'title')).textContent =
        'anomaly ' + a.id + ': ' + fmt(a.peak_value) + ' (expected ' + fmt(a.expected_low) + ' … ' + fmt(a.expected_high) +
        '), ' + a.reason;
    }
  }
  $('chart').dataset.points = String(pts.length);
  $('chart').dataset.anomalies = String(anomalies.length);
  $('axis-min').textContent = 'min ' + fmt(lo);
  $('axis-max').textContent = 'max ' + fmt(hi);
  $('axis-from').textContent = time(s.from);
  $('axis-to').textContent = time(s.to);
}

function renderAnomalies() {
  const rows = [...state.anomalies.values()].sort((a, b) => b.id - a.id).slice(0, 200);
  $('anomalies').innerHTML = rows.length === 0 ? '<tr><td colspan="7">No anomalies in the last 24 hours.</td></tr>' : rows.map(a =>
    '<tr class="' + (a.open ? 'open' : '') + '" data-id="' + text(a.id) + '"><td>' + text(a.id) + '</td><td>' + time(a.start) +
    '</td><td>' + text(a.series) + ' <small>' + text(a.reason) + '</small></td><td>' + fmt(a.peak_value) + '</td><td>' +
    fmt(a.expected_low) + ' … ' + fmt(a.expected_high) + '</td><td>' + a.score.toFixed(2) + '</td><td>' +
    text(a.detector) + '</td></tr>').join('');
}

function renderIncidents() {
  const rows = [...state.incidents.values()].sort((a, b) => b.id - a.id).slice(0, 100);
  $('incidents').innerHTML = rows.length === 0 ? '<tr><td colspan="5">No incidents in the last 7 days.</td></tr>' : rows.map(i =>
    '<tr class="' + text(i.state) + '" data-id="' + text(i.id) + '"><td>' + text(i.id) + '</td><td>' + text(i.state) +
    '</td><td class="sev-' + text(i.severity) + '">' + text(i.severity) + '</td><td>' + time(i.start) + '</td><td>' + text(i.title) + '</td></tr>').join('');
}

// The incident view: the root-cause report of the selected incident (GET /api/v1/incidents/{id}/report).
async function showIncident(id) {
  state.incident = id;
  const i = state.incidents.get(id);
  const r = await getJson('/api/v1/incidents/' + encodeURIComponent(id) + '/report');
  if (state.incident !== id) return; // another was selected meanwhile
  $('incident-view').hidden = false;
  $('incident-title').textContent = 'Incident ' + id + (i ? ' · ' + i.state + ' · ' + i.title : '');
  $('report-summary').textContent = r.summary;
  $('report-source').textContent = 'From the ' + (r.source === 'llm' ? 'agents on ' + r.model : 'rules') + ', ' + time(r.created) + '.';
  const ev = (ids) => ids.map(x => '<a href="#ev-' + text(x) + '">' + text(x) + '</a>').join(' ');
  $('report-causes').innerHTML = r.causes.length === 0 ? '<tr><td colspan="6">No cause stands out in the evidence.</td></tr>' : r.causes.map(c =>
    '<tr data-rank="' + text(c.rank) + '"><td>' + text(c.rank) + '</td><td>' + text(c.kind) + '</td><td class="subject">' + text(c.subject) +
    '</td><td>' + Number(c.confidence).toFixed(2) + '</td><td>' + text(c.explanation) + '</td><td>' + ev(c.evidence) +
    ((c.contradicting || []).length ? ' <small>against: ' + ev(c.contradicting) + '</small>' : '') + '</td></tr>').join('');
  $('report-actions').innerHTML = r.actions.map(a => '<li>' + text(a.text) + (a.command ? ': <code>' + text(a.command) + '</code>' : '') + '</li>').join('');
  $('report-notes-box').hidden = !(r.notes && r.notes.length);
  $('report-notes').innerHTML = (r.notes || []).map(n => '<li>' + text(n) + '</li>').join('');
  $('report-evidence').innerHTML = r.evidence.map(e => '<tr id="ev-' + text(e.id) + '"><td>' + text(e.id) + '</td><td>' + text(e.kind) +
    '</td><td>' + time(e.time) + '</td><td>' + text(e.subject) + '</td><td>' + text(e.summary) + '</td></tr>').join('');
}

async function refreshNetwork() {
  const n = await getJson('/api/v1/network');
  const rate = (v, w) => w ? fmt(v / w.seconds) : '–';
  $('interfaces').innerHTML = n.interfaces.length === 0 ? '<tr><td colspan="8">No capture.</td></tr>' : n.interfaces.map(i => {
    const w = i.latest;
    return '<tr data-name="' + text(i.name) + '"><td>' + text(i.name) + '</td><td title="' + text(i.detail) + '">' + text(i.state) +
      '</td><td>' + fmt(i.packets) + '</td><td>' + fmt(i.kernel_drops + i.interface_drops) + '</td><td>' +
      (i.flows ? fmt(i.flows.active) : '–') + '</td><td>' + (w ? rate(w.packets_in, w) + ' / ' + rate(w.packets_out, w) + ' pkts' : '–') +
      '</td><td>' + (w ? rate(w.syn, w) + ' · ' + rate(w.syn_ack, w) + ' · ' + rate(w.rst, w) : '–') + '</td><td>' +
      (w ? w.top_talkers.map(t => text(t.address) + ' ' + fmt(t.bytes) + 'B').join(', ') : '–') + '</td></tr>';
  }).join('');
  $('attacks').innerHTML = n.attacks.length === 0 ? '<tr><td colspan="10">No attacks seen.</td></tr>' : n.attacks.map(a =>
    '<tr data-kind="' + text(a.labels.kind) + '"><td>#' + a.id + '</td><td>' + text(a.labels.kind) + '</td><td>' +
    text(a.labels.interface) + '</td><td>' + text(a.labels.source) + '</td><td>' + text(a.labels.target) + '</td><td>' +
    fmt(a.peak_value) + '</td><td>' + time(a.start) + '</td><td>' + (a.open ? 'ongoing' : time(a.end)) + '</td><td>' +
    a.confidence.toFixed(2) + '</td><td><small>' + text(a.reason) + '</small></td></tr>').join('');
}

function changeFilter() {
  return { kind: $('change-kind').value, subject: $('change-subject').value.trim() };
}
function matches(c, f) {
  return (!f.kind || c.kind === f.kind) && (!f.subject || c.subject === f.subject);
}
function renderChanges() {
  const rows = state.changes.slice(0, 200);
  $('changes').innerHTML = rows.length === 0 ? '<tr><td colspan="5">No changes in the last 24 hours.</td></tr>' : rows.map(c =>
    '<tr data-kind="' + text(c.kind) + '" data-subject="' + text(c.subject) + '"><td>' + time(c.time) + '</td><td>' +
    text(c.kind) + '</td><td>' + text(c.subject) + '</td><td>' + text(c.summary) + '</td><td>' + text(c.source) + '</td></tr>').join('');
}
async function loadChanges() {
  const f = changeFilter();
  const q = new URLSearchParams({ since: '24h', limit: '200' });
  if (f.kind) q.set('kind', f.kind);
  if (f.subject) q.set('subject', f.subject);
  state.changes = (await getJson('/api/v1/changes?' + q)).items;
  renderChanges();
}

async function loadHistory() {
  const a = await getJson('/api/v1/anomalies?since=24h&limit=200');
  a.items.forEach(x => state.anomalies.set(x.id, x));
  const i = await getJson('/api/v1/incidents?since=7d&limit=100');
  i.items.forEach(x => state.incidents.set(x.id, x));
  renderAnomalies();
  renderIncidents();
}

function connectEvents() {
  const es = new EventSource('/api/v1/events');
  es.addEventListener('hello', () => { $('live').dataset.state = 'connected'; $('live').textContent = 'events: live'; });
  es.addEventListener('anomaly', (e) => { const m = JSON.parse(e.data); state.anomalies.set(m.anomaly.id, m.anomaly); renderAnomalies(); });
  es.addEventListener('incident', (e) => {
    const m = JSON.parse(e.data);
    state.incidents.set(m.incident.id, m.incident);
    renderIncidents();
    if (state.incident === m.incident.id) showIncident(m.incident.id).catch(console.warn);
  });
  es.addEventListener('change', (e) => {
    const c = JSON.parse(e.data);
    if (matches(c, changeFilter())) { state.changes.unshift(c); state.changes.length = Math.min(state.changes.length, 200); renderChanges(); }
  });
  es.onerror = () => { $('live').dataset.state = 'disconnected'; $('live').textContent = 'events: reconnecting'; };
}

async function tick() {
  try {
    await refreshHealth();
    await refreshMetrics();
    await refreshChart();
    await refreshNetwork();
    if (state.incident !== null) await showIncident(state.incident); // its report may have been rewritten by the agents
  } catch (e) {
    console.warn(e);
  }
}

$('metric-select').addEventListener('change', (e) => { state.series = e.target.value; tick(); });
$('incidents').addEventListener('click', (e) => {
  const row = e.target.closest('tr[data-id]');
  if (row) showIncident(Number(row.dataset.id)).catch(console.warn);
});
$('range-select').addEventListener('change', tick);
$('change-kind').addEventListener('change', () => loadChanges().catch(console.warn));
$('change-subject').addEventListener('change', () => loadChanges().catch(console.warn));
loadChanges().catch(console.warn);
connectEvents();
loadHistory().catch(console.warn);
tick();
setInterval(tick, 5000);
