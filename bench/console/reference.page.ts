/**
 * The bare reference of the console bench: the same data without React, windowing or the app,
 * a plain `<table>` of every asset (innerHTML), the same free-text filter rebuilding it, and bare
 * ECharts with the same series options. `window.bench` holds the timed steps (ms).
 */
export const REFERENCE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>reference</title>
<script src="/vendor/echarts.min.js"></script></head>
<body><main><p id="count"></p><table><tbody id="rows"></tbody></table>
<div id="chart" style="width: 1200px; height: 320px"></div></main>
<script>
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
let assets = [];
const esc = (s) => String(s ?? '').replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
function render(list) {
  document.getElementById('rows').innerHTML = list
    .map((a) => '<tr><td><a href="/assets/' + esc(a.id) + '">' + esc(a.id) + '</a></td><td>' + esc(a.type) +
      '</td><td>' + esc(a.state) + '</td><td>' + esc(a.lastSeen) + '</td><td>' +
      (a.risk ? (a.risk.probability * 100).toFixed(1) + ' %' : '-') + '</td><td>' + (a.risk ? a.risk.rul : '-') +
      '</td><td>' + esc(a.risk && a.risk.modelVersion) + '</td></tr>')
    .join('');
  document.getElementById('count').textContent = list.length + ' of ' + assets.length + ' assets';
}
window.bench = {
  async table() {
    const t0 = performance.now();
    assets = [];
    let cursor = null;
    do {
      const page = await (await fetch('/api/assets?limit=1000' + (cursor ? '&cursor=' + cursor : ''))).json();
      assets.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    render(assets);
    await frame();
    return performance.now() - t0;
  },
  async filter(text) {
    const t0 = performance.now();
    const q = text.trim().toLowerCase();
    render(q ? assets.filter((a) => [a.id, a.deviceId, a.type, a.tenantId, (a.risk && a.risk.modelVersion) || '']
      .some((s) => s.toLowerCase().includes(q))) : assets);
    await frame();
    return performance.now() - t0;
  },
  async chart() {
    const t0 = performance.now();
    const now = Date.now();
    const body = await (await fetch('/api/assets/bench-00001/telemetry?from=' + (now - 365 * 86400000) + '&to=' + now)).json();
    const t1 = performance.now();
    const chart = echarts.init(document.getElementById('chart'), undefined, { renderer: 'canvas' });
    const finished = new Promise((r) => chart.on('finished', r));
    chart.setOption({
      animation: false, grid: { left: 56, right: 24, top: 40, bottom: 72 }, tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 }, xAxis: { type: 'time' }, yAxis: { type: 'value', scale: true },
      dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 16 }],
      series: [{ name: 's2', type: 'line', data: body.items.map((r) => [r.ts, r.metrics.s2]), showSymbol: false, sampling: 'lttb', large: true }],
    });
    await finished;
    const t2 = performance.now();
    chart.dispose();
    return { requestToDrawnMs: t2 - t0, drawMs: t2 - t1 };
  },
};
</script></body></html>`;
