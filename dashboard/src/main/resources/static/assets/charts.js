// A patient's charts: one uPlot chart per vital with readings (6 h, 24 h) or hourly min/avg/max (7 d), the
// patient's limits as dashed lines and alert markers on the time axis. Data comes from the dashboard
// (/patients/{id}/chart), which reads the API as the signed-in person.
(function () {
  const root = document.getElementById('charts');
  if (!root) return;
  const patient = root.dataset.patient;
  let range = '6h';
  const plots = [];
  const colours = {critical: '#b00020', warning: '#b35c00', info: '#2a5db0'};

  document.querySelectorAll('.range').forEach((button) => button.addEventListener('click', () => {
    range = button.dataset.range;
    document.querySelectorAll('.range').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
    load();
  }));
  document.body.addEventListener('hhms:alert', load);
  setInterval(load, 30000);
  load();

  function load() {
    fetch('/patients/' + patient + '/chart?range=' + range, {headers: {Accept: 'application/json'}})
      .then((answer) => {
        if (answer.status === 401) { window.location = '/sign-in?expired'; return null; }
        return answer.ok ? answer.json() : null;
      })
      .then((data) => data && draw(data));
  }

  function draw(data) {
    plots.splice(0).forEach((plot) => plot.destroy());
    let shown = 0;
    root.querySelectorAll('figure.chart').forEach((figure) => {
      const vital = figure.dataset.vital;
      const points = data.series[vital] || [];
      figure.hidden = points.length === 0;
      figure.dataset.points = String(points.length);
      if (!points.length) return;
      shown++;
      const last = points[points.length - 1];
      figure.querySelector('.points').textContent = points.length
        + (data.range === '7d' || vital === 'news2' ? ' hours' : ' readings')
        + ', latest ' + last[1] + ' ' + figure.dataset.unit;
      const limits = data.limits[vital] || {};
      const xs = points.map((p) => p[0]);
      const series = [{}, {label: figure.dataset.label, stroke: '#14213d', width: 2, points: {show: points.length < 200}}];
      const columns = [xs, points.map((p) => p[1])];
      if (data.range === '7d' && vital !== 'news2') {
        series.push({label: 'min', stroke: '#9aa5c4'}, {label: 'max', stroke: '#9aa5c4'});
        columns.push(points.map((p) => p[2]), points.map((p) => p[3]));
      }
      const plot = new uPlot({
        width: Math.min(figure.clientWidth || 900, 1060), height: 180,
        // The y axis always takes in the patient's limits: a value is read against them.
        scales: {x: {time: true, range: [data.start, data.end]}, y: {range: (u, min, max) => {
          const low = Math.min(min, limits.min != null ? limits.min : min);
          const high = Math.max(max, limits.max != null ? limits.max : max);
          const pad = Math.max((high - low) * 0.08, 1);
          return [low - pad, high + pad];
        }}},
        series,
        hooks: {draw: [(u) => decorate(u, limits, data.alerts)]},
      }, columns, figure.querySelector('.plot'));
      plots.push(plot);
    });
    document.getElementById('no-data').hidden = shown > 0;
  }

  function decorate(u, limits, alerts) {
    const ctx = u.ctx;
    const left = u.bbox.left, width = u.bbox.width, top = u.bbox.top, height = u.bbox.height;
    ctx.save();
    ctx.setLineDash([6, 4]);
    ctx.strokeStyle = '#b00020';
    ['min', 'max'].forEach((bound) => {
      if (limits[bound] == null) return;
      const y = u.valToPos(limits[bound], 'y', true);
      if (y < top || y > top + height) return;
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + width, y); ctx.stroke();
    });
    ctx.setLineDash([]);
    alerts.forEach((alert) => {
      const x = u.valToPos(alert.t, 'x', true);
      if (x < left || x > left + width) return;
      ctx.fillStyle = colours[alert.severity] || colours.info;
      ctx.beginPath(); ctx.moveTo(x - 6, top + height); ctx.lineTo(x + 6, top + height); ctx.lineTo(x, top + height - 10);
      ctx.fill();
    });
    ctx.restore();
  }
})();
