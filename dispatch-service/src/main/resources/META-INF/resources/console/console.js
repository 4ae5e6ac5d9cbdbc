// The command center's console (指挥中心): the map of grids and open cases, the dispatch queue, a
// case's detail (facts, routing decision with its reason, recommended handlers, timeline, photos)
// with the actions the center takes (accept, dispatch by hand, whistle), the overdue cases, the
// cases at risk of missing their deadline, the hotspot alerts, the whistle board, the indicators as
// charts, the case search, and a live feed. The lists are read
// again when the live stream says something changed; who acts is the token's, never the page's.
'use strict';

const REFRESH_GAP_MS = 500;
// The stream carries only dispatch-service's events: what case-service does to a case (a new step,
// an extension, closing it) moves its clock without one, so everything is also read again now and then.
const POLL_MS = 30000;
const FEED_SIZE = 20;
const KPI_DAYS = 30;
const SEARCH_PAGE = 50;
/** case-service's statuses in which a case follows a routing decision: a dispatcher may still dispatch it. */
const AT_DISPATCH = ['ACCEPTED', 'DISPATCHED'];

const state = {
  queue: [], overdue: [], whistles: [], openCases: [], atRisk: [], hotspots: [], departments: [], kpiGrids: null,
  kpiDepartments: null,
  selected: null, detail: null,
};
/** Case numbers by case id, from every list and event seen, for the feed and the whistle board. */
const caseNumbers = new Map();
const numberOf = (caseId, given) => given || caseNumbers.get(caseId) || (caseId ? `${caseId.slice(0, 8)}…` : '—');

let caseMap;
let charts;

// ---------------------------------------------------------------- the lists

const LISTS = {
  queue: { path: '/dispatch-queue', render: renderQueue, error: 'queue-error' },
  overdue: { path: '/overdue-cases', render: renderOverdue, error: 'overdue-error' },
  whistles: { path: '/whistle-board', render: renderWhistles, error: 'whistles-error' },
  openCases: { path: '/open-cases', render: renderOpenCases, error: 'cases-error' },
  atRisk: { path: '/at-risk-cases', render: renderAtRisk, error: 'at-risk-error' },
};

async function refresh(name) {
  const list = LISTS[name];
  try {
    state[name] = await api(list.path);
    $(list.error).textContent = '';
  } catch (failure) {
    $(list.error).textContent = t('couldNotLoad', failure.message);
    return;
  }
  list.render();
}

/** Clicking or pressing Enter on a list item opens its case. */
function selectable(li, caseId) {
  li.dataset.caseId = caseId;
  li.tabIndex = 0;
  li.classList.toggle('selected', caseId === state.selected);
  li.addEventListener('click', () => select(caseId));
  li.addEventListener('keydown', (key) => { if (key.key === 'Enter') select(caseId); });
  return li;
}

function clockBadge(clock) {
  const badge = el('span', 'clock', t(clock || 'NONE'));
  badge.dataset.clock = clock || 'NONE';
  return badge;
}

function whyQueued(c) {
  if (c.sendBackCount > 0) {
    return t('sentBack', c.sendBackCount, c.departmentName || c.departmentCode)
      + (c.overriddenBy ? ` · ${t('byHand', c.overriddenBy)}` : '');
  }
  return c.overriddenBy ? t('putBack', c.overriddenBy) : t('noRule');
}

function renderQueue() {
  $('queue').replaceChildren(...state.queue.map((c) => {
    caseNumbers.set(c.caseId, c.caseNumber);
    const li = selectable(el('li'), c.caseId);
    li.dataset.clock = c.clock || 'NONE';
    li.append(el('span', 'number', c.caseNumber), ' ', clockBadge(c.clock), ' ',
      el('span', null, `${c.category} · ${c.gridCode || '—'}`),
      el('div', 'detail', `${whyQueued(c)}${c.stepDueAt ? ` · ${when(c.stepDueAt)}` : ''}`),
      el('div', 'detail', c.reason || ''));
    return li;
  }));
  $('queue-count').textContent = `(${state.queue.length})`;
}

function renderOverdue() {
  $('overdue').replaceChildren(...state.overdue.map((c) => {
    caseNumbers.set(c.caseId, c.number);
    const li = selectable(el('li'), c.caseId);
    li.dataset.clock = 'RED';
    li.append(el('span', 'number', c.number), ' ', el('span', null, `${c.category || ''} · ${c.gridCode || '—'} · ${c.step}`),
      el('div', 'detail', `${t('overdueBy', duration(c.overdueMinutes))} · ${t('level', c.supervisionLevel)}`
        + (c.departmentCode ? ` · ${c.departmentCode}` : '')));
    return li;
  }));
  $('overdue-count').textContent = `(${state.overdue.length})`;
}

function renderWhistles() {
  $('whistles').replaceChildren(...state.whistles.map((w) => {
    const li = selectable(el('li'), w.caseId);
    li.dataset.whistleId = w.whistleId;
    const summoned = el('ul', 'summoned');
    summoned.append(...w.departments.map((d) => {
      const item = el('li', null, `${d.departmentCode} ${d.arrived ? t('arrived') : t('notArrived')}`);
      item.dataset.arrived = d.arrived;
      return item;
    }));
    li.append(el('span', 'number', numberOf(w.caseId, w.caseNumber)), ' ', el('span', null, t('kind')[w.kind] || w.kind),
      el('div', 'detail', `${t('blownBy', w.blownBy)} · ${t('reportWithin', when(w.reportBy))}`), summoned);
    return li;
  }));
  $('whistles-count').textContent = `(${state.whistles.length})`;
}

function renderOpenCases() {
  const { cases: list, truncated } = state.openCases;
  list.forEach((c) => caseNumbers.set(c.caseId, c.number));
  if (truncated) $('cases-error').textContent = t('truncated', list.length);
  caseMap.setCases(list);
  drawClockChart(charts.clocks, list);
}

// ---------------------------------------------------------------- at risk and hotspots

/** Open cases likely to miss their step's deadline (dispatch-service's finish forecast), due first. */
function renderAtRisk() {
  $('at-risk').replaceChildren(...state.atRisk.map((c) => {
    caseNumbers.set(c.caseId, c.number);
    const li = selectable(el('li'), c.caseId);
    li.dataset.step = c.step;
    li.dataset.predictedFinishAt = c.predictedFinishAt || '';
    li.dataset.dueAt = c.stepDueAt || '';
    li.append(el('span', 'number', c.number), ' ', el('span', null, `${c.category || ''} · ${c.gridCode || '—'} · ${c.step}`),
      el('div', 'detail', `${t('predicted', when(c.predictedFinishAt))} · ${t('dueAt', when(c.stepDueAt))}`
        + (c.lateShare != null ? ` · ${t('lateShare', Math.round(c.lateShare * 100))}` : '')
        + (c.departmentCode ? ` · ${c.departmentCode}` : '')));
    return li;
  }));
  if (!state.atRisk.length) $('at-risk').append(el('li', 'empty', t('noneAtRisk')));
  $('at-risk-count').textContent = `(${state.atRisk.length})`;
}

const HOTSPOT_DAYS = 7;

/**
 * The hotspots (三天三单) case-service raised in the last week, newest first. Its events travel on
 * case-events.v1, which the live stream does not carry, so they are read again with the lists' poll.
 */
async function refreshHotspots() {
  const since = new Date(Date.now() - HOTSPOT_DAYS * 86400000).toISOString();
  try {
    state.hotspots = await cases(`/hotspots?since=${encodeURIComponent(since)}&limit=50`);
    $('hotspots-error').textContent = '';
  } catch (failure) {
    $('hotspots-error').textContent = t('couldNotLoad', failure.message);
    return;
  }
  renderHotspots();
}

function renderHotspots() {
  $('hotspots').replaceChildren(...state.hotspots.map((h) => {
    const newest = h.cases.length ? h.cases[h.cases.length - 1] : null;
    const li = newest ? selectable(el('li'), newest.caseId) : el('li');
    li.dataset.hotspotId = h.id;
    li.dataset.reports = h.reportCount;
    li.append(el('span', 'number', h.category), ' ', el('span', null, h.gridCode || '—'),
      el('div', 'detail', t('hotspotLine', h.reportCount, h.radiusMeters, h.windowHours)),
      el('div', 'detail', `${t('raisedAt', when(h.raisedAt))} · ${h.cases.map((c) => c.number).join(', ')}`));
    return li;
  }));
  if (!state.hotspots.length) $('hotspots').append(el('li', 'empty', t('noHotspots')));
  $('hotspots-count').textContent = `(${state.hotspots.length})`;
}

// ---------------------------------------------------------------- a case's detail and actions

function select(caseId) {
  state.selected = caseId;
  document.querySelectorAll('.cases > li').forEach((li) => li.classList.toggle('selected', li.dataset.caseId === caseId));
  caseMap.select(caseId);
  openDetail(caseId);
}

function facts(target, pairs) {
  target.replaceChildren(...pairs.filter(([, value]) => value !== undefined)
    .flatMap(([name, value]) => [el('dt', null, name), el('dd', null, value === null || value === '' ? '—' : String(value))]));
}

/** Each part of the detail comes from its own service and shows on its own: one failing leaves the others. */
async function openDetail(caseId) {
  state.detail = { caseId, view: null, decision: null };
  const panel = $('detail-panel');
  panel.hidden = false;
  panel.dataset.caseId = caseId;
  $('detail-number').textContent = numberOf(caseId);
  ['detail-error', 'routing-error', 'recommendations-error', 'accept-error', 'dispatch-error', 'whistle-error']
    .forEach((id) => { $(id).textContent = ''; });
  ['detail-facts', 'routing', 'recommendations', 'timeline', 'photos'].forEach((id) => $(id).replaceChildren());
  showActions();
  panel.focus();
  await Promise.all([loadCase(caseId), loadDecision(caseId), loadRecommendations(caseId)]);
}

async function loadCase(caseId) {
  try {
    const [view, timeline] = await Promise.all([cases(`/cases/${caseId}`), cases(`/cases/${caseId}/timeline`)]);
    if (state.selected !== caseId) return;
    state.detail.view = view;
    caseNumbers.set(caseId, view.number);
    $('detail-number').textContent = view.number;
    $('detail-panel').dataset.status = view.status;
    facts($('detail-facts'), [[t('status'), view.status], [t('category'), `${view.category} ${view.description || ''}`],
      [t('grid'), view.gridCode], [t('place'), view.address || `${view.longitude.toFixed(5)}, ${view.latitude.toFixed(5)}`],
      [t('reported'), when(view.reportedAt)],
      [t('step'), view.clock ? `${view.clock.step} · ${t(view.clock.color || 'NONE')} · ${when(view.clock.dueAt)}` : null]]);
    renderTimeline(timeline);
    loadPhotos(timeline.flatMap((entry) => entry.photoIds || []));
  } catch (failure) {
    $('detail-error').textContent = t('couldNotLoad', failure.message);
  }
  showActions();
}

async function loadDecision(caseId) {
  try {
    const d = await api(`/routing-decisions/${caseId}`);
    if (state.selected !== caseId) return;
    state.detail.decision = d;
    $('routing-error').textContent = '';
    caseNumbers.set(caseId, d.caseNumber);
    if (!state.detail.view) $('detail-number').textContent = d.caseNumber;
    $('routing').dataset.department = d.departmentCode;
    $('routing').dataset.mode = d.mode;
    facts($('routing'), [[t('lead'), `${d.departmentName || d.departmentCode} (${d.mode})`],
      [t('coHandlers'), d.coHandlers.join(', ')], [t('rule'), d.ruleId], [t('reason'), d.reason],
      [t('state'), d.state], [t('overriddenBy'), d.overriddenBy ? `${d.overriddenBy}: ${d.overrideReason || ''}` : null]]);
  } catch (failure) {
    $('routing-error').textContent = failure.code === 'DECISION_NOT_FOUND' ? t('decisionNone') : failure.message;
  }
  showActions();
}

async function loadRecommendations(caseId) {
  try {
    const people = await api(`/cases/${caseId}/handler-recommendations`);
    if (state.selected !== caseId) return;
    $('recommendations').replaceChildren(...(people.length ? people.map((p) => {
      const li = el('li');
      li.dataset.staffId = p.staffId;
      li.append(el('strong', null, `${p.name} (${p.staffId}, ${p.departmentCode || '—'})`),
        ` ${t('score', p.score)} · ${t('meters', Math.round(p.distanceMeters))} · ${t('openCases', p.openCases)}`,
        el('div', 'detail', p.reasons.join('；')));
      return li;
    }) : [el('li', 'detail', t('noRecommendation'))]));
  } catch (failure) {
    $('recommendations-error').textContent = t('couldNotLoad', failure.message);
  }
}

function renderTimeline(timeline) {
  $('timeline').replaceChildren(...timeline.map((entry) => {
    const li = el('li');
    li.dataset.action = entry.action;
    const time = el('time', null, when(entry.at));
    time.dateTime = entry.at;
    li.append(time, ' ', el('strong', null, entry.action), ` ${entry.toStatus || ''} `,
      el('span', 'detail', [entry.staffId, entry.role, entry.departmentCode].filter(Boolean).join(' · ')),
      entry.note ? el('div', 'detail', entry.note) : '');
    return li;
  }));
}

async function loadPhotos(ids) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    $('photos').replaceChildren(el('p', 'detail', t('noPhotos')));
    return;
  }
  const images = await Promise.all(unique.map(async (id) => {
    const response = await GridgovAuth.fetch(`${Pages.casesApi}/photos/${id}`).catch(() => null);
    if (!response || !response.ok) return null;
    const img = el('img');
    img.src = URL.createObjectURL(await response.blob());
    img.alt = `${t('photos')} ${id.slice(0, 8)}`;
    img.dataset.photoId = id;
    return img;
  }));
  $('photos').replaceChildren(...images.filter(Boolean));
}

/**
 * Which actions the case allows, from what each service knows of it: accept while case-service says
 * it is verified; dispatch by hand while it waits in the queue or follows a decision; a whistle while open.
 */
function showActions() {
  const { caseId, view, decision } = state.detail || {};
  const queued = state.queue.some((c) => c.caseId === caseId);
  const open = view ? view.open : state.openCases.cases.some((c) => c.caseId === caseId);
  $('accept-form').hidden = !(view && view.status === 'VERIFIED');
  $('dispatch-form').hidden = !(queued || (view && AT_DISPATCH.includes(view.status))
    || (!view && decision && decision.state === 'ROUTED'));
  $('whistle-form').hidden = !open;
}

function done(message) {
  $('action-done').textContent = message;
}

async function accept(event) {
  event.preventDefault();
  const { view } = state.detail;
  $('accept-submit').disabled = true;
  try {
    await cases(`/cases/${view.id}/accept`, postJson({ commandId: crypto.randomUUID(), urgency: $('accept-urgency').value }));
    done(t('accepted', view.number));
    await openDetail(view.id);
  } catch (failure) {
    $('accept-error').textContent = failure.message;
  } finally {
    $('accept-submit').disabled = false;
  }
}

function showModeFields() {
  const toDepartment = $('dispatch-mode').value === 'DEPARTMENT';
  document.querySelectorAll('#dispatch-form .for-department').forEach((node) => { node.hidden = !toDepartment; });
}

function departmentOptions(select, withEmpty) {
  const options = state.departments.map((d) => {
    const option = el('option', null, `${d.name} (${d.code})`);
    option.value = d.code;
    return option;
  });
  select.replaceChildren(...(withEmpty ? [el('option')] : []), ...options);
}

async function loadDepartments() {
  try {
    state.departments = await api('/departments');
    departmentOptions($('dispatch-department'), true);
    departmentOptions($('dispatch-co-handlers'), false);
    departmentOptions($('whistle-departments'), false);
  } catch (failure) {
    $('dispatch-error').textContent = t('couldNotLoad', failure.message);
  }
}

async function dispatchByHand(event) {
  event.preventDefault();
  const caseId = state.detail.caseId;
  const mode = $('dispatch-mode').value;
  const body = { mode, reason: $('dispatch-reason').value.trim() };
  if (mode === 'DEPARTMENT') {
    body.departmentCode = $('dispatch-department').value || null;
    body.coHandlers = [...$('dispatch-co-handlers').selectedOptions].map((o) => o.value);
  }
  $('dispatch-error').textContent = '';
  $('dispatch-submit').disabled = true;
  try {
    const decision = await api(`/routing-decisions/${caseId}/override`, postJson(body));
    done(t('dispatched', decision.caseNumber, decision.departmentName || decision.departmentCode));
    $('dispatch-form').reset();
    showModeFields();
    await Promise.all([refresh('queue'), openDetail(caseId)]);
  } catch (failure) {
    $('dispatch-error').textContent = failure.message;
  } finally {
    $('dispatch-submit').disabled = false;
  }
}

async function blowWhistle(event) {
  event.preventDefault();
  const caseId = state.detail.caseId;
  const departments = [...$('whistle-departments').selectedOptions].map((o) => o.value);
  if (departments.length === 0) {
    $('whistle-error').textContent = t('needDepartments');
    return;
  }
  $('whistle-error').textContent = '';
  $('whistle-submit').disabled = true;
  try {
    await api(`/cases/${caseId}/whistles`, postJson({ whistleId: crypto.randomUUID(), kind: $('whistle-kind').value, departments }));
    done(t('whistled', numberOf(caseId)));
    $('whistle-form').reset();
    await refresh('whistles');
  } catch (failure) {
    $('whistle-error').textContent = failure.message;
  } finally {
    $('whistle-submit').disabled = false;
  }
}

function closeDetail() {
  state.selected = null;
  state.detail = null;
  $('detail-panel').hidden = true;
  document.querySelectorAll('.cases > li.selected').forEach((li) => li.classList.remove('selected'));
  caseMap.select(null);
}

// ---------------------------------------------------------------- the map's grids and zones

async function loadGrids() {
  const status = $('map-status');
  try {
    const collection = await api('/grid-map');
    caseMap.setGrids(collection);
    status.dataset.failed = 'false';
    status.textContent = '';
    state.gridsLoaded = true;
  } catch (failure) {
    status.dataset.failed = 'true';
    status.textContent = t('gridsFailed', failure.message);
  }
}

async function loadZones() {
  try {
    caseMap.setZones(await api('/enforcement-zones'));
  } catch (failure) {
    $('cases-error').textContent = t('couldNotLoad', failure.message);
  }
}

function wireLayers() {
  ['grids', 'cases', 'heat', 'dedicated', 'zones'].forEach((name) => {
    const box = $(`layer-${name}`);
    caseMap.show(name, box.checked);
    box.addEventListener('change', () => caseMap.show(name, box.checked));
  });
}

// ---------------------------------------------------------------- indicators (case-service)

async function refreshKpis() {
  const to = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  const from = new Date(Date.now() - KPI_DAYS * 86400000).toISOString().slice(0, 10);
  try {
    [state.kpiGrids, state.kpiDepartments] = await Promise.all([
      cases(`/indicators?by=grid&from=${from}&to=${to}`), cases(`/indicators?by=department&from=${from}&to=${to}`)]);
    $('kpi-error').textContent = '';
  } catch (failure) {
    $('kpi-error').textContent = t('couldNotLoad', failure.message);
  }
  drawKpis();
}

function drawKpis() {
  if (state.kpiGrids) drawRateChart(charts.grids, state.kpiGrids, 'onTimeClosureRate', t('byGrid'));
  if (state.kpiDepartments) drawRateChart(charts.departments, state.kpiDepartments, 'accurateDispatchRate', t('byDepartment'));
}

// ---------------------------------------------------------------- case search (case-service)

const search = { params: null, cursor: null };

/** The search form as query parameters: only the filters filled in. */
function searchParams() {
  const params = new URLSearchParams();
  ['q', 'grid', 'department', 'categoryPrefix', 'open', 'clock', 'from', 'to'].forEach((name) => {
    const field = $('search-form').elements[name];
    if (field && field.value.trim()) params.set(name, field.value.trim());
  });
  const [sort, direction] = $('search-sort').value.split(':');
  params.set('sort', sort);
  params.set('direction', direction);
  return params;
}

async function runSearch(more) {
  if (!more) {
    search.params = searchParams();
    search.cursor = null;
    $('search-rows').replaceChildren();
  }
  const params = new URLSearchParams(search.params);
  params.set('limit', SEARCH_PAGE);
  if (!more) params.set('count', 'true');
  if (search.cursor) params.set('cursor', search.cursor);
  $('search-error').textContent = '';
  try {
    const page = await cases(`/cases?${params}`);
    page.items.forEach((c) => {
      caseNumbers.set(c.id, c.number);
      const row = el('tr');
      row.dataset.caseId = c.id;
      row.dataset.clock = c.clock;
      const number = el('td', 'number');
      const open = el('button', 'link', c.number);
      open.type = 'button';
      open.setAttribute('aria-label', `${t('details')} ${c.number}`);
      open.addEventListener('click', () => select(c.id));
      number.append(open);
      const clock = el('td');
      clock.append(clockBadge(c.clock));
      row.append(number, el('td', null, c.status), clock, el('td', null, c.category), el('td', null, c.gridCode || '—'),
        el('td', null, c.departmentCode || '—'), el('td', null, when(c.reportedAt)), el('td', 'description', c.description));
      $('search-rows').append(row);
    });
    search.cursor = page.nextCursor;
    if (!more) $('search-count').textContent = page.total === null ? '' : `(${page.totalCapped ? '>' : ''}${page.total})`;
    $('search-more').hidden = !page.nextCursor;
  } catch (failure) {
    $('search-error').textContent = t('searchFailed', failure.message);
  }
}

/** The same search as CSV: fetched with the token, then saved as a file. */
async function downloadCsv() {
  const params = searchParams();
  params.set('format', 'csv');
  $('search-error').textContent = '';
  try {
    const response = await GridgovAuth.fetch(`${Pages.casesApi}/cases?${params}`, { headers: { Accept: 'text/csv' } });
    if (!response.ok) throw await refusal(response);
    const link = el('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = `cases-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (failure) {
    $('search-error').textContent = t('exportFailed', failure.message);
  }
}

// ---------------------------------------------------------------- live updates

/** Which lists an event can change; an event of a type not listed here refreshes them all. */
const AFFECTS = {
  'dispatch.routed': ['queue', 'overdue', 'openCases', 'atRisk'],
  'dispatch.department-accepted': ['queue'],
  'dispatch.sent-back': ['queue'],
  'dispatch.sla-warning': ['queue', 'overdue', 'openCases', 'atRisk'],
  'dispatch.whistle-blown': ['whistles'],
  'dispatch.reported-for-duty': ['whistles'],
  'dispatch.escalated': ['whistles'],
  'dispatch.whistle-closed': ['whistles'],
  'dispatch.decision-realigned': ['queue', 'overdue', 'openCases'],
};

const dueLists = new Set();
let refreshTimer = null;
let lastRefresh = 0;

/** Reads the named lists again, at most once every REFRESH_GAP_MS however many events arrive. */
function refreshSoon(names) {
  names.forEach((name) => dueLists.add(name));
  if (refreshTimer) return;
  const wait = Math.max(0, lastRefresh + REFRESH_GAP_MS - Date.now());
  refreshTimer = setTimeout(async () => {
    refreshTimer = null;
    lastRefresh = Date.now();
    const names = [...dueLists];
    dueLists.clear();
    await Promise.all(names.map(refresh));
    if (state.selected && names.includes('queue')) showActions();
  }, wait);
}

function onEvent(event) {
  $('feed').prepend(feedItem(event, numberOf));
  while ($('feed').children.length > FEED_SIZE) $('feed').lastElementChild.remove();
  const caseId = event.subject || (event.data && event.data.caseId);
  refreshSoon(AFFECTS[event.type] || Object.keys(LISTS));
  if (caseId && caseId === state.selected) loadDecision(caseId);
}

// ---------------------------------------------------------------- start

async function start() {
  Pages.onLanguage = () => {
    if (!caseMap) return;
    Object.values(LISTS).forEach((list) => { if (list !== LISTS.openCases) list.render(); });
    renderOpenCases();
    renderHotspots();
    drawKpis();
    if (state.selected) openDetail(state.selected);
  };
  await startPage();
  caseMap = createCaseMap($('map'), { onSelect: select, words: t, tileUrl: Pages.tileUrl, tileAttribution: Pages.tileAttribution });
  charts = { clocks: chartIn($('chart-clocks')), grids: chartIn($('chart-grids')), departments: chartIn($('chart-departments')) };
  wireLayers();
  $('detail-close').addEventListener('click', closeDetail);
  $('accept-form').addEventListener('submit', accept);
  $('dispatch-form').addEventListener('submit', dispatchByHand);
  $('dispatch-mode').addEventListener('change', showModeFields);
  $('whistle-form').addEventListener('submit', blowWhistle);
  $('search-form').addEventListener('submit', (event) => { event.preventDefault(); runSearch(false); });
  $('search-more').addEventListener('click', () => runSearch(true));
  $('search-csv').addEventListener('click', downloadCsv);
  showModeFields();
  loadDepartments();
  await loadGrids();
  loadZones();
  Object.keys(LISTS).forEach(refresh);
  refreshKpis();
  refreshHotspots();
  startApprovals();
  listen(onEvent, () => refreshSoon(Object.keys(LISTS)));
  setInterval(() => {
    if (!state.gridsLoaded) loadGrids().then(loadZones);
    refreshSoon(Object.keys(LISTS));
    refreshKpis();
    refreshHotspots();
  }, POLL_MS);
}

start();
