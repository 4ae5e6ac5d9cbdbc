// The indicators as Apache ECharts charts (served by this service as a WebJar), drawn as SVG with
// ECharts' own description for screen readers: the open cases by clock (from dispatch-service's
// open cases), and case-service's indicators by grid and by department.
'use strict';

const CHART_CLOCKS = ['GREEN', 'YELLOW', 'RED', 'NONE'];
const CHART_COLOURS = { GREEN: '#2e7d32', YELLOW: '#b26a00', RED: '#c62828', NONE: '#546e7a' };
const TOP_UNITS = 12;

function chartIn(element, big) {
  const chart = echarts.init(element, null, { renderer: 'svg' });
  chart.big = big;
  new ResizeObserver(() => chart.resize()).observe(element);
  return chart;
}

const chartFont = (chart) => (chart.big ? 22 : 12);

/** The open cases by the colour of their step's clock. */
function drawClockChart(chart, openCases) {
  const counts = Object.fromEntries(CHART_CLOCKS.map((clock) => [clock, 0]));
  openCases.forEach((c) => { counts[c.clock || 'NONE'] += 1; });
  const font = chartFont(chart);
  chart.setOption({
    aria: { enabled: true },
    animation: false,
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, textStyle: { fontSize: font } },
    series: [{
      type: 'pie', radius: ['40%', '70%'], center: ['50%', '45%'],
      label: { formatter: '{b}\n{c}', fontSize: font },
      data: CHART_CLOCKS.map((clock) => ({ name: t(clock), value: counts[clock], itemStyle: { color: CHART_COLOURS[clock] } })),
    }],
  }, true);
  chart.getDom().dataset.total = openCases.length;
}

/** One indicator (a rate of case-service's indicator report's lines) per unit, best first, as horizontal bars in percent. */
function drawRateChart(chart, report, rate, title) {
  const ranked = report.lines.filter((line) => line.indicators[rate] !== null && line.indicators[rate] !== undefined)
    .sort((a, b) => b.indicators[rate] - a.indicators[rate]).slice(0, TOP_UNITS).reverse();
  const font = chartFont(chart);
  chart.setOption({
    aria: { enabled: true },
    animation: false,
    title: { text: ranked.length ? title : `${title}: ${t('noKpi')}`, textStyle: { fontSize: font + 1 } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
    grid: { left: 8, right: 24, top: font * 3, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%', fontSize: font } },
    yAxis: { type: 'category', data: ranked.map((line) => line.unit), axisLabel: { fontSize: font } },
    series: [{ type: 'bar', data: ranked.map((line) => percent(line.indicators[rate])), itemStyle: { color: '#1565c0' },
      label: { show: true, position: 'right', formatter: '{c}%', fontSize: font } }],
  }, true);
  chart.getDom().dataset.units = ranked.length;
}
