// The traffic classifier panel: the model in service, one prediction with its contributions, a CSV upload with
// a summary and an export. Plain JavaScript; talks only to this daemon.
'use strict';

(function () {
  const el = (id) => document.getElementById(id);
  const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, c => ESC[c]);
  const pct = (p) => (100 * p).toFixed(1) + ' %';

  async function errorText(r) {
    try { const b = await r.json(); return r.status + ': ' + b.message; } catch (e) { return String(r.status); }
  }

  async function refreshModel() {
    try {
      const r = await fetch('/api/v1/models', { cache: 'no-store' });
      const m = (await r.json()).find(x => x.name === 'traffic-classifier');
      el('model-info').textContent = m.sha256
        ? '(' + m.name + ' ' + m.version + ', validation accuracy ' + m.validation.accuracy.toFixed(4) + ', sha256 '
          + m.sha256.substring(0, 12) + ')'
        : '(no model loaded' + (m.refused ? ': ' + m.refused : '') + ')';
    } catch (e) {
      el('model-info').textContent = '(unreachable)';
    }
  }

  el('predict-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = el('predict-result');
    out.textContent = '…';
    const r = await fetch('/api/v1/predict', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ record: el('predict-record').value.trim(), explain: 6 })
    });
    if (!r.ok) { out.innerHTML = '<p class="error">' + esc(await errorText(r)) + '</p>'; return; }
    const p = await r.json();
    const probs = Object.entries(p.probabilities).map(([k, v]) => '<td>' + esc(k) + '</td><td>' + pct(v) + '</td>');
    const contrib = p.contributions.map(c => '<tr><td>' + esc(c.feature) + '</td><td>' + esc(c.value) + '</td><td>'
      + (c.contribution >= 0 ? '+' : '') + c.contribution.toFixed(3) + '</td></tr>').join('');
    out.innerHTML = '<p>Class: <b id="predicted-class" data-class="' + esc(p.predicted_class) + '">' + esc(p.predicted_class)
      + '</b> (' + esc(p.likeliest) + ' ' + pct(p.confidence) + ')</p>'
      + '<table class="probabilities"><tr>' + probs.join('') + '</tr></table>'
      + '<table><thead><tr><th>feature</th><th>value</th><th>push on ' + esc(p.likeliest) + '</th></tr></thead><tbody>'
      + contrib + '</tbody></table>';
  });

  el('batch-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = el('batch-result');
    const link = el('batch-export');
    link.hidden = true;
    const file = el('batch-file').files[0];
    if (!file) { out.textContent = 'choose a file first'; return; }
    out.textContent = 'classifying ' + file.name + '…';
    const send = (format) => fetch('/api/v1/predict/batch?format=' + format, {
      method: 'POST', headers: { 'Content-Type': 'text/csv', 'X-Requested-By': 'anomaly-hunter-ui' }, body: file
    });
    const r = await send('json');
    if (!r.ok) { out.innerHTML = '<p class="error">' + esc(await errorText(r)) + '</p>'; return; }
    const j = await r.json();
    const rows = Object.entries(j.counts).map(([k, v]) => '<tr data-class="' + esc(k) + '"><td>' + esc(k) + '</td><td>' + v
      + '</td><td>' + pct(j.rows ? v / j.rows : 0) + '</td></tr>').join('');
    out.innerHTML = '<p id="batch-rows">' + j.rows + ' rows</p><table><thead><tr><th>class</th><th>rows</th><th>share</th></tr>'
      + '</thead><tbody id="batch-counts">' + rows + '</tbody></table>';
    const csv = await send('csv');
    if (csv.ok) {
      if (link.href) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(await csv.blob());
      link.hidden = false;
    }
  });

  refreshModel();
  setInterval(refreshModel, 30000);
})();
