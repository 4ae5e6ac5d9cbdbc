// The command center's console: the town's grids with the open cases on them, the dispatch queue
// with a form to dispatch by hand, the overdue cases, the whistle board, and a feed of what
// dispatch-service publishes. The lists are read from the API and read again when the live stream
// says something changed; the map needs no tiles from the internet, it draws the grids' GeoJSON.
'use strict';

const API = '/api/v1';
const REFRESH_GAP_MS = 500;
// The stream carries only dispatch-service's own events: what case-service does to a case (a new
// step, an extension, closing it) moves its clock or takes it off the overdue list without one, so
// the lists are also read again now and then.
const POLL_MS = 30000;
const STREAM_RETRY_MS = 5000;
const FEED_SIZE = 20;
const SVG_NS = 'http://www.w3.org/2000/svg';
const SVG_UNITS_PER_DEGREE = 10000;

const $ = (id) => document.getElementById(id);

const state = { queue: [], overdue: [], whistles: [], grids: null, selected: null };
/** Case numbers by case id, kept from every list and event seen, for the feed and the whistle board. */
const caseNumbers = new Map();

const CLOCK_LABELS = { GREEN: '正常 on time', YELLOW: '预警 warned', RED: '超时 overdue', NONE: '无时限 no deadline' };
const WHISTLE_KINDS = { ROUTINE: '日常 routine', HARD_CASE: '攻坚 hard case', EMERGENCY: '应急 emergency' };
const EVENT_LABELS = {
  'dispatch.routed': '分流 routed',
  'dispatch.department-accepted': '接收 accepted',
  'dispatch.sent-back': '退回 sent back',
  'dispatch.sla-warning': '督办 SLA warning',
  'dispatch.whistle-blown': '吹哨 whistle blown',
  'dispatch.reported-for-duty': '报到 reported for duty',
  'dispatch.escalated': '升级 escalated',
  'dispatch.whistle-closed': '哨毕 whistle closed',
  'dispatch.decision-realigned': '更正 refused by case-service',
};
/** Which lists an event can change; an event of a type not listed here refreshes them all. */
const AFFECTS = {
  'dispatch.routed': ['queue', 'overdue'],
  'dispatch.department-accepted': ['queue'],
  'dispatch.sent-back': ['queue'],
  'dispatch.sla-warning': ['queue', 'overdue'],
  'dispatch.whistle-blown': ['whistles'],
  'dispatch.reported-for-duty': ['whistles'],
  'dispatch.escalated': ['whistles'],
  'dispatch.whistle-closed': ['whistles'],
  'dispatch.decision-realigned': ['queue', 'overdue'],
};

// ---------------------------------------------------------------- small helpers

function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined && text !== null) element.textContent = text;
  return element;
}

function svg(tag, attributes) {
  const element = document.createElementNS(SVG_NS, tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
  return element;
}

const time = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', {
  month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
}) : '—');

const clockTime = (iso) => new Date(iso || Date.now()).toLocaleTimeString('zh-CN', { hour12: false });

function minutes(total) {
  const h = Math.floor(total / 60);
  return h > 0 ? `${h} 小时 ${total % 60} 分 (${h} h ${total % 60} min)` : `${total} 分 (${total} min)`;
}

const numberOf = (caseId) => caseNumbers.get(caseId) || (caseId ? `${caseId.slice(0, 8)}…` : '—');

/** The API's message of a refused request (errors are {code, message, field}). */
async function problemMessage(response) {
  const problem = await response.json().catch(() => null);
  return (problem && problem.message) || `${response.status} ${response.statusText}`;
}

async function getJson(path) {
  const response = await GridgovAuth.fetch(API + path);
  if (!response.ok) throw new Error(await problemMessage(response));
  return response.json();
}

// ---------------------------------------------------------------- the lists

const LISTS = {
  queue: { path: '/dispatch-queue', render: renderQueue },
  overdue: { path: '/overdue-cases', render: renderOverdue },
  whistles: { path: '/whistle-board', render: renderWhistles },
};

async function refresh(name) {
  try {
    state[name] = await getJson(LISTS[name].path);
    $(`${name}-error`).textContent = '';
  } catch (failure) {
    $(`${name}-error`).textContent = `无法加载 Could not load: ${failure.message}`;
    return;
  }
  LISTS[name].render();
  $(`${name}-count`).textContent = `(${state[name].length})`;
  drawMarkers();
  showSelection();
}

/** Clicking or pressing Enter on a list item selects its case. */
function selectable(li, caseId) {
  li.dataset.caseId = caseId;
  li.tabIndex = 0;
  li.addEventListener('click', () => select(caseId));
  li.addEventListener('keydown', (key) => { if (key.key === 'Enter') select(caseId); });
  return li;
}

function whyQueued(c) {
  if (c.sendBackCount > 0) {
    const back = `退回 ${c.sendBackCount} 次 sent back ${c.sendBackCount}×`;
    return `${back}; 待 ${c.departmentName} 接收 awaiting acceptance by ${c.departmentCode}`
      + (c.overriddenBy ? ` (${c.overriddenBy} 已人工派发 dispatched by hand)` : '');
  }
  return c.overriddenBy
    ? `${c.overriddenBy} 转回指挥中心 put back to the center`
    : '规则未定 no rule decided';
}

function renderQueue() {
  $('queue').replaceChildren(...state.queue.map((c) => {
    caseNumbers.set(c.caseId, c.caseNumber);
    const clock = c.clock || 'NONE';
    const li = selectable(el('li'), c.caseId);
    li.dataset.caseNumber = c.caseNumber;
    li.dataset.clock = clock;
    const head = el('div');
    const badge = el('span', 'clock', CLOCK_LABELS[clock]);
    badge.dataset.clock = clock;
    head.append(badge, ' ', el('span', 'number', c.caseNumber), ' ',
      el('span', 'category', `类别 ${c.category}`), ' ', el('span', 'grid', `网格 ${c.gridCode || '—'}`));
    li.append(head,
      el('div', 'due', c.stepDueAt ? `${c.step || ''} 期限 due ${time(c.stepDueAt)}` : '无时限 no deadline'),
      el('div', 'why', whyQueued(c)),
      el('div', 'detail', c.reason));
    return li;
  }));
  if (!state.queue.some((c) => c.caseId === state.selected)) hideDispatchForm();
}

function renderOverdue() {
  $('overdue').replaceChildren(...state.overdue.map((c) => {
    if (c.number) caseNumbers.set(c.caseId, c.number);
    const li = selectable(el('li'), c.caseId);
    li.dataset.clock = 'RED';
    const head = el('div');
    head.append(el('span', 'number', numberOf(c.caseId)), ' ', el('span', 'category', `类别 ${c.category || '—'}`),
      ' ', el('span', 'grid', `网格 ${c.gridCode || '—'}`));
    li.append(head,
      el('div', 'due', `${c.step} 超时 overdue ${minutes(c.overdueMinutes)} · 督办 level ${c.supervisionLevel}`),
      el('div', 'detail', `期限 due ${time(c.dueAt)} · 主办 lead ${c.departmentCode || '—'}`));
    return li;
  }));
}

function renderWhistles() {
  $('whistles').replaceChildren(...state.whistles.map((w) => {
    if (w.caseNumber) caseNumbers.set(w.caseId, w.caseNumber);
    const li = selectable(el('li'), w.caseId);
    li.dataset.whistleId = w.whistleId;
    const head = el('div');
    head.append(el('span', 'number', numberOf(w.caseId)), ' ', el('span', 'kind', WHISTLE_KINDS[w.kind] || w.kind));
    const departments = el('ul', 'summoned');
    departments.append(...w.departments.map((d) => {
      let status = '待报到 awaited';
      if (d.arrived) status = `已到 arrived ${time(d.arrivedAt)}`;
      else if (d.escalationLevel > 0) status = `未到，已升级 not arrived, escalated to level ${d.escalationLevel}`;
      const item = el('li', null, `${d.departmentCode}: ${status}`);
      item.dataset.arrived = String(d.arrived);
      return item;
    }));
    li.append(head, el('div', 'detail', `${w.blownBy} 吹哨 blown ${time(w.blownAt)} · 报到期限 report by ${time(w.reportBy)}`),
      departments);
    return li;
  }));
}

// ---------------------------------------------------------------- selection and dispatch by hand

function select(caseId) {
  state.selected = caseId;
  $('dispatch-done').textContent = '';
  showSelection();
  drawMarkers();
  const queued = state.queue.find((c) => c.caseId === caseId);
  if (queued) showDispatchForm(queued);
  else hideDispatchForm();
}

function showSelection() {
  document.querySelectorAll('.cases > li').forEach((li) => li.classList.toggle('selected', li.dataset.caseId === state.selected));
}

function showDispatchForm(c) {
  $('dispatch-case').textContent = `${c.caseNumber} (${c.category}, ${c.gridCode || '—'})`;
  $('dispatch-error').textContent = '';
  $('dispatch-form').hidden = false;
}

function hideDispatchForm() {
  $('dispatch-form').hidden = true;
}

function showModeFields() {
  const toDepartment = $('dispatch-mode').value === 'DEPARTMENT';
  document.querySelectorAll('.for-department').forEach((label) => { label.hidden = !toDepartment; });
}

async function loadDepartments() {
  try {
    const departments = await getJson('/departments');
    const options = () => departments.map((d) => new Option(`${d.name} ${d.code}`, d.code));
    $('dispatch-department').replaceChildren(...options());
    $('dispatch-co-handlers').replaceChildren(...options());
  } catch (failure) {
    $('dispatch-error').textContent = `部门未能加载 Departments could not be loaded: ${failure.message}`;
  }
}

async function dispatchByHand(event) {
  event.preventDefault();
  const c = state.queue.find((q) => q.caseId === state.selected);
  if (!c) return;
  const toDepartment = $('dispatch-mode').value === 'DEPARTMENT';
  const body = {
    mode: $('dispatch-mode').value,
    departmentCode: toDepartment ? $('dispatch-department').value : null,
    coHandlers: toDepartment ? Array.from($('dispatch-co-handlers').selectedOptions, (o) => o.value) : [],
    reason: $('dispatch-reason').value.trim(),
  };
  $('dispatch-error').textContent = '';
  $('dispatch-submit').disabled = true;
  try {
    const response = await GridgovAuth.fetch(`${API}/routing-decisions/${c.caseId}/override`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      $('dispatch-error').textContent = await problemMessage(response);
      return;
    }
    const decision = await response.json();
    $('dispatch-done').textContent = `${decision.caseNumber} 已派发至 dispatched to ${decision.departmentName}`;
    state.selected = null;
    $('dispatch-form').reset();
    showModeFields();
    hideDispatchForm();
    await refresh('queue');
  } catch (unreachable) {
    $('dispatch-error').textContent = `无法连接调度服务 Could not reach dispatch-service: ${unreachable.message}`;
  } finally {
    $('dispatch-submit').disabled = false;
  }
}

// ---------------------------------------------------------------- the map

/** West, south, east, north of every coordinate given. */
function boundsOf(points) {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    west = Math.min(west, lon); east = Math.max(east, lon);
    south = Math.min(south, lat); north = Math.max(north, lat);
  }
  return Number.isFinite(west) ? [west, south, east, north] : null;
}

function ringsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

/**
 * Longitude and latitude straight onto the SVG plane, a degree of longitude shortened by the
 * cosine of the latitude: over a town the error of this against a real projection is invisible.
 */
function projection(bounds) {
  const [west, south, east, north] = bounds;
  const kx = Math.cos(((south + north) / 2) * Math.PI / 180);
  return {
    point: ([lon, lat]) => [(lon - west) * kx * SVG_UNITS_PER_DEGREE, (north - lat) * SVG_UNITS_PER_DEGREE],
    width: (east - west) * kx * SVG_UNITS_PER_DEGREE,
    height: (north - south) * SVG_UNITS_PER_DEGREE,
  };
}

/** The located cases of the queue and the overdue list, one marker each (the queue's entry wins: it can be dispatched). */
function markedCases() {
  const byCase = new Map();
  for (const c of state.overdue) {
    if (c.longitude != null && c.latitude != null) {
      byCase.set(c.caseId, { caseId: c.caseId, number: numberOf(c.caseId), lon: c.longitude, lat: c.latitude, clock: 'RED' });
    }
  }
  for (const c of state.queue) {
    if (c.longitude != null && c.latitude != null) {
      byCase.set(c.caseId, { caseId: c.caseId, number: c.caseNumber, lon: c.longitude, lat: c.latitude, clock: c.clock || 'NONE' });
    }
  }
  return [...byCase.values()];
}

/** The grids decide the frame; without them, the cases do (with at least a kilometre around them). */
function currentProjection(cases) {
  if (state.grids) return projection(state.grids.bounds);
  const bounds = boundsOf(cases.map((c) => [c.lon, c.lat]));
  if (!bounds) return null;
  const margin = 0.01;
  return projection([bounds[0] - margin, bounds[1] - margin, bounds[2] + margin, bounds[3] + margin]);
}

/** A length that looks the same on screen whatever the frame: a share of its larger side. */
const screenUnit = (p) => Math.max(p.width, p.height) / 100;

function frame(p) {
  const pad = 10;
  $('map').setAttribute('viewBox', `${-pad} ${-pad} ${(p.width + 2 * pad).toFixed(1)} ${(p.height + 2 * pad).toFixed(1)}`);
}

function pathOf(rings, p) {
  return rings.map((ring) => `M${ring.map((c) => p.point(c).map((n) => n.toFixed(1)).join(',')).join('L')}Z`).join(' ');
}

/** Grids first, then the outlines of what they make up, so boundaries are drawn over the grids. */
const DRAW_ORDER = { GRID: 0, BIG_GRID: 2, COMMUNITY: 3, STREET: 4, DISTRICT: 5 };
const drawRank = (f) => (f.properties.kind === 'DEDICATED' ? 1 : DRAW_ORDER[f.properties.level] ?? 0);

function drawAreas() {
  const p = projection(state.grids.bounds);
  frame(p);
  const features = [...state.grids.features].sort((a, b) => drawRank(a) - drawRank(b));
  const shapes = features.map((f) => {
    const { code, name, level, kind } = f.properties;
    const shape = svg('path', {
      d: pathOf(ringsOf(f.geometry), p),
      class: `area level-${String(level).toLowerCase()} kind-${String(kind).toLowerCase()}`,
      'fill-rule': 'evenodd',
      'data-code': code,
    });
    const title = svg('title', {});
    title.textContent = `${code} ${name}`;
    shape.append(title);
    return shape;
  });
  const labels = features.filter((f) => f.properties.level === 'GRID' && f.properties.kind === 'COMPREHENSIVE')
    .map((f) => {
      const [west, south, east, north] = boundsOf(ringsOf(f.geometry).flat());
      const [x, y] = p.point([(west + east) / 2, (south + north) / 2]);
      const label = svg('text', {
        x: x.toFixed(1), y: y.toFixed(1), class: 'grid-label', 'font-size': (1.4 * screenUnit(p)).toFixed(1),
      });
      label.textContent = f.properties.code;
      return label;
    });
  $('map-areas').replaceChildren(...shapes, ...labels);
}

function drawMarkers() {
  const cases = markedCases();
  const p = currentProjection(cases);
  if (!p) {
    $('map-markers').replaceChildren();
    return;
  }
  if (!state.grids) frame(p);
  // The selected case last, so it is drawn on top of any case at the same place.
  cases.sort((a, b) => (a.caseId === state.selected) - (b.caseId === state.selected));
  const radius = 1.2 * screenUnit(p);
  $('map-markers').replaceChildren(...cases.map((c) => {
    const [x, y] = p.point([c.lon, c.lat]);
    const selected = c.caseId === state.selected;
    const marker = svg('circle', {
      cx: x.toFixed(1), cy: y.toFixed(1), r: (selected ? 1.6 * radius : radius).toFixed(1),
      class: selected ? 'marker selected' : 'marker',
      'data-case-id': c.caseId,
      'data-clock': c.clock,
    });
    const title = svg('title', {});
    title.textContent = `${c.number} ${CLOCK_LABELS[c.clock]}`;
    marker.append(title);
    marker.addEventListener('click', () => select(c.caseId));
    return marker;
  }));
}

async function loadGrids() {
  const status = $('map-status');
  try {
    const collection = await getJson('/grid-map');
    const features = collection.features.filter((f) => ringsOf(f.geometry).length > 0);
    const bounds = boundsOf(features.flatMap((f) => ringsOf(f.geometry).flat()));
    if (!bounds) throw new Error('no polygons');
    state.grids = { features, bounds };
    status.textContent = '';
    status.dataset.failed = 'false';
    drawAreas();
    drawMarkers();
  } catch (failure) {
    status.textContent = `网格未能加载，案件按位置显示 Grids could not be loaded (${failure.message}); cases are shown by position`;
    status.dataset.failed = 'true';
  }
}

// ---------------------------------------------------------------- case search (case-service)

// case-service answers the search. Behind one gateway (an ingress) it shares this page's origin; run
// locally, each service has its own port, and case-service allows this origin (CORS).
const CASES_API = window.GRIDGOV_CASES_API
  || (location.port === '8083' ? `${location.protocol}//${location.hostname}:8082/api/v1` : API);
const SEARCH_PAGE = 50;
const search = { params: null, cursor: null, shown: 0 };

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

/** The API names the parameter it could not use; show it beside the message. */
async function searchProblem(response) {
  const problem = await response.json().catch(() => null);
  if (!problem) return `${response.status} ${response.statusText}`;
  return problem.field ? `${problem.field}: ${problem.message}` : problem.message;
}

async function runSearch(more) {
  if (!more) {
    search.params = searchParams();
    search.cursor = null;
    search.shown = 0;
    $('search-rows').replaceChildren();
  }
  const params = new URLSearchParams(search.params);
  params.set('limit', SEARCH_PAGE);
  if (!more) params.set('count', 'true');
  if (search.cursor) params.set('cursor', search.cursor);
  $('search-error').textContent = '';
  try {
    const response = await GridgovAuth.fetch(`${CASES_API}/cases?${params}`);
    if (!response.ok) throw new Error(await searchProblem(response));
    const page = await response.json();
    page.items.forEach((c) => {
      caseNumbers.set(c.id, c.number);
      const row = el('tr');
      row.dataset.clock = c.clock;
      const clock = el('td');
      clock.append(el('span', 'clock', CLOCK_LABELS[c.clock]));
      row.append(el('td', 'number', c.number), el('td', null, c.status), clock, el('td', null, c.category),
        el('td', null, c.gridCode || '—'), el('td', null, c.departmentCode || '—'), el('td', null, time(c.reportedAt)),
        el('td', 'description', c.description));
      $('search-rows').append(row);
    });
    search.shown += page.items.length;
    search.cursor = page.nextCursor;
    if (!more) {
      $('search-count').textContent = page.total === null ? '' : `(${page.totalCapped ? '>' : ''}${page.total})`;
    }
    $('search-more').hidden = !page.nextCursor;
  } catch (failure) {
    $('search-error').textContent = `查询失败 Search failed: ${failure.message}`;
  }
}

/** The same search as CSV: fetched with the token, then saved as a file. */
async function downloadCsv() {
  const params = searchParams();
  params.set('format', 'csv');
  $('search-error').textContent = '';
  try {
    const response = await GridgovAuth.fetch(`${CASES_API}/cases?${params}`, { headers: { Accept: 'text/csv' } });
    if (!response.ok) throw new Error(await searchProblem(response));
    const link = el('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = `cases-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (failure) {
    $('search-error').textContent = `导出失败 Export failed: ${failure.message}`;
  }
}

// ---------------------------------------------------------------- live updates

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
  }, wait);
}

function showLive(which) {
  const labels = { live: '实时 live', reconnecting: '重连中 reconnecting…', down: '已断开 disconnected' };
  $('live').dataset.state = which;
  $('live').textContent = labels[which];
}

function feedDetail(event) {
  const d = event.data || {};
  switch (event.type) {
    case 'dispatch.routed': return `→ ${d.departmentName || d.departmentCode}`;
    case 'dispatch.department-accepted': return d.departmentCode;
    case 'dispatch.sent-back': return `${d.departmentCode}: ${d.reason}`;
    case 'dispatch.sla-warning': return `${d.color} ${d.action} L${d.escalationLevel}`;
    case 'dispatch.whistle-blown': return (d.departments || []).join(', ');
    case 'dispatch.reported-for-duty': return `${d.departmentCode} ${d.arrived ? '已到 arrived' : '未到 too far'}`;
    case 'dispatch.escalated': return `${d.departmentCode} → ${d.to}`;
    case 'dispatch.decision-realigned': return `${d.caseStatus}: ${d.departmentName || d.departmentCode} (${d.refusedType})`;
    default: return '';
  }
}

function addToFeed(event) {
  const caseId = event.subject || (event.data && event.data.caseId);
  if (event.data && event.data.caseNumber) caseNumbers.set(caseId, event.data.caseNumber);
  const li = el('li');
  li.dataset.type = event.type;
  li.dataset.caseId = caseId;
  li.append(el('time', null, clockTime(event.time)), el('span', 'type', EVENT_LABELS[event.type] || event.type),
    el('span', 'number', numberOf(caseId)), ' ', el('span', 'detail', feedDetail(event)));
  $('feed').prepend(li);
  while ($('feed').children.length > FEED_SIZE) $('feed').lastElementChild.remove();
}

function onStreamMessage(data) {
  let event;
  try {
    event = JSON.parse(data);
  } catch (notJson) {
    return;
  }
  addToFeed(event);
  refreshSoon(AFFECTS[event.type] || Object.keys(LISTS));
}

/**
 * The live stream (server-sent events), read through fetch because EventSource cannot send the
 * bearer token. Events published while the stream was down are not replayed: every list is read
 * again on (re)connection.
 */
async function listen() {
  try {
    const response = await GridgovAuth.fetch(`${API}/stream`, { headers: { Accept: 'text/event-stream' } });
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    showLive('live');
    refreshSoon(Object.keys(LISTS));
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const blocks = (buffer + value).split(/\r?\n\r?\n/);
      buffer = blocks.pop();
      for (const block of blocks) {
        const data = block.split(/\r?\n/).filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, '')).join('\n');
        if (data) onStreamMessage(data);
      }
    }
  } catch (dropped) {
    if (dropped instanceof GridgovAuth.SignInNeeded) {
      GridgovAuth.signIn();
      return;
    }
  }
  showLive('down');
  setTimeout(listen, STREAM_RETRY_MS);
}

// ---------------------------------------------------------------- start

async function start() {
  const user = await GridgovAuth.start({ clientId: 'gridgov-console' });
  $('me').textContent = user ? `${user.name} · ${user.staffId}` : '';
  $('sign-out').addEventListener('click', () => GridgovAuth.signOut());
  $('dispatch-form').addEventListener('submit', dispatchByHand);
  $('dispatch-cancel').addEventListener('click', () => { state.selected = null; hideDispatchForm(); showSelection(); drawMarkers(); });
  $('dispatch-mode').addEventListener('change', showModeFields);
  $('search-form').addEventListener('submit', (event) => { event.preventDefault(); runSearch(false); });
  $('search-more').addEventListener('click', () => runSearch(true));
  $('search-csv').addEventListener('click', downloadCsv);
  showModeFields();
  loadDepartments();
  loadGrids();
  Object.keys(LISTS).forEach(refresh);
  listen();
  setInterval(() => {
    if (!state.grids) loadGrids();
    refreshSoon(Object.keys(LISTS));
  }, POLL_MS);
}

start();
