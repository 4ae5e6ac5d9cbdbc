// The wall view (大屏) for the center's big screen: today's counts, the map with the heat of the open
// cases, the indicators and the live feed, in large type on a dark ground, read again as events
// arrive and every half minute; nothing on it is clicked.
'use strict';

const WALL_POLL_MS = 30000;
const WALL_REFRESH_GAP_MS = 1000;
const WALL_FEED_SIZE = 12;
const WALL_KPI_DAYS = 30;

const wall = { openCases: [], kpiGrids: null, kpiDepartments: null, numbers: new Map(), gridsLoaded: false };
let wallMap;
let wallCharts;

const wallNumber = (caseId, given) => given || wall.numbers.get(caseId) || (caseId ? `${caseId.slice(0, 8)}…` : '—');

/** The start of today in the browser's zone (the center's), as the KPI period's first day. */
const today = () => new Date().toLocaleDateString('sv-SE');
const tomorrow = () => new Date(Date.now() + 86400000).toLocaleDateString('sv-SE');

/** What dispatch-service knows now: open and overdue cases, the queue, the open whistles, the cases at risk. */
async function refreshNow() {
  try {
    const [open, queue, whistles, atRisk] = await Promise.all([api('/open-cases'), api('/dispatch-queue'),
      api('/whistle-board'), api('/at-risk-cases')]);
    wall.openCases = open.cases;
    open.cases.forEach((c) => wall.numbers.set(c.caseId, c.number));
    $('count-open').textContent = open.cases.length;
    $('count-overdue').textContent = open.cases.filter((c) => c.clock === 'RED').length;
    $('count-queued').textContent = queue.length;
    $('count-whistles').textContent = whistles.length;
    $('count-at-risk').textContent = atRisk.length;
    $('cases-error').textContent = open.truncated ? t('truncated', open.cases.length) : '';
    wallMap.setCases(open.cases);
    drawClockChart(wallCharts.clocks, open.cases);
  } catch (failure) {
    $('cases-error').textContent = t('couldNotLoad', failure.message);
  }
}

/** What case-service counts: today's reports and closures (the district's sum over its grids), and the indicators. */
async function refreshCounts() {
  const from = new Date(Date.now() - WALL_KPI_DAYS * 86400000).toLocaleDateString('sv-SE');
  try {
    const [todays, grids, departments] = await Promise.all([
      cases(`/indicators?by=grid&from=${today()}&to=${tomorrow()}`),
      cases(`/indicators?by=grid&from=${from}&to=${tomorrow()}`), cases(`/indicators?by=department&from=${from}&to=${tomorrow()}`)]);
    $('count-reported').textContent = todays.total.counts.reported;
    $('count-closed').textContent = todays.total.counts.closed;
    wall.kpiGrids = grids;
    wall.kpiDepartments = departments;
    $('counts-error').textContent = '';
    $('kpi-error').textContent = '';
  } catch (failure) {
    $('counts-error').textContent = t('couldNotLoad', failure.message);
  }
  drawWallKpis();
}

function drawWallKpis() {
  if (wall.kpiGrids) drawRateChart(wallCharts.grids, wall.kpiGrids, 'onTimeClosureRate', t('byGrid'));
  if (wall.kpiDepartments) drawRateChart(wallCharts.departments, wall.kpiDepartments, 'accurateDispatchRate', t('byDepartment'));
}

let wallTimer = null;
function refreshSoonOnWall() {
  if (wallTimer) return;
  wallTimer = setTimeout(() => {
    wallTimer = null;
    refreshNow();
  }, WALL_REFRESH_GAP_MS);
}

function onWallEvent(event) {
  $('feed').prepend(feedItem(event, wallNumber));
  while ($('feed').children.length > WALL_FEED_SIZE) $('feed').lastElementChild.remove();
  refreshSoonOnWall();
}

/** The grids and zones; asked again with the next refresh while grid-service cannot answer. */
async function loadWallGrids() {
  try {
    wallMap.setGrids(await api('/grid-map'));
    wallMap.setZones(await api('/enforcement-zones'));
    wall.gridsLoaded = true;
    $('map-status').dataset.failed = 'false';
    $('map-status').textContent = '';
  } catch (failure) {
    $('map-status').dataset.failed = 'true';
    $('map-status').textContent = t('gridsFailed', failure.message);
  }
}

async function startWall() {
  Pages.onLanguage = () => {
    if (!wallMap) return;
    wallMap.redraw();
    drawClockChart(wallCharts.clocks, wall.openCases);
    drawWallKpis();
  };
  await startPage();
  wallMap = createCaseMap($('map'), { onSelect: () => {}, words: t, tileUrl: Pages.tileUrl, tileAttribution: Pages.tileAttribution });
  wallMap.show('heat', true);
  wallCharts = { clocks: chartIn($('chart-clocks'), true), grids: chartIn($('chart-grids'), true),
    departments: chartIn($('chart-departments'), true) };
  await loadWallGrids();
  refreshNow();
  refreshCounts();
  listen(onWallEvent, refreshNow);
  setInterval(() => {
    if (!wall.gridsLoaded) loadWallGrids();
    refreshNow();
    refreshCounts();
  }, WALL_POLL_MS);
}

startWall();
