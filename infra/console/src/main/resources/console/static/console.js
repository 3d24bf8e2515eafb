// Draws the console's charts with echarts (served by the console from its webjar) and refreshes
// them from their JSON endpoints; the tables refresh themselves with htmx polling.
(function () {
  'use strict';
  const REFRESH_MS = 2000;

  function rateOption(data) {
    return {
      animation: false, grid: { left: 50, right: 20, top: 20, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'msg/s' },
      series: [{ type: 'line', showSymbol: false, areaStyle: {}, data: data.points.map(p => [p[0] * 1000, p[1]]) }]
    };
  }

  function deliverabilityOption(data) {
    const line = (y, label) => ({ yAxis: y, name: label, label: { formatter: label } });
    return {
      animation: false, grid: { left: 60, right: 90, top: 30, bottom: 60 },
      tooltip: { trigger: 'axis' }, legend: { data: ['complaint %', 'bounce %', 'unsubscribe %'] },
      xAxis: { type: 'category', data: data.campaigns, axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', name: '%' },
      series: [
        { name: 'complaint %', type: 'bar', data: data.complaintPercent,
          markLine: { symbol: 'none', lineStyle: { type: 'dashed' }, data: [line(0.1, '0.1 % (Gmail/Yahoo)'), line(0.3, '0.3 % never')] } },
        { name: 'bounce %', type: 'bar', data: data.bouncePercent },
        { name: 'unsubscribe %', type: 'bar', data: data.unsubscribePercent }
      ]
    };
  }

  const OPTIONS = { rate: rateOption, deliverability: deliverabilityOption };

  function refresh(el, chart) {
    fetch(el.dataset.src, { credentials: 'same-origin' })
      .then(r => r.ok ? r.json() : Promise.reject(r.status))
      .then(data => { chart.setOption(OPTIONS[el.dataset.chart](data), true); el.dataset.loaded = 'true'; })
      .catch(() => { el.dataset.loaded = 'error'; });
  }

  function init(root) {
    root.querySelectorAll('[data-chart]').forEach(el => {
      if (el.dataset.bound) { return; }
      el.dataset.bound = 'true';
      const chart = echarts.init(el);
      refresh(el, chart);
      const timer = setInterval(() => document.body.contains(el) ? refresh(el, chart) : clearInterval(timer), REFRESH_MS);
      window.addEventListener('resize', () => chart.resize());
    });
  }

  document.addEventListener('DOMContentLoaded', () => init(document));
  document.addEventListener('htmx:load', e => init(e.target));
})();
