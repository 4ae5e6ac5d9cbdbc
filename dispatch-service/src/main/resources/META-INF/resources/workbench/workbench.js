// The department workbench (部门工作台): a department's staff see their department's tasks with their
// clocks — cases waiting for its acceptance, cases it leads or co-handles, whistles summoning it — and
// act on them: accept or send back (dispatch-service), report for duty at a whistle with the device's
// location, submit a result with photos (case-service), read a case's timeline and photos, and their
// department's indicators. Who acts and for which department comes from the token, never from the page.
'use strict';

const API = '/api/v1';
const POLL_MS = 20000;
const TICK_MS = 15000;
const REFRESH_GAP_MS = 500;
const STREAM_RETRY_MS = 5000;
const KPI_DAYS = 30;

const TEXT = {
  zh: {
    skip: '跳到任务', title: '部门工作台', connecting: '连接中', live: '实时', down: '已断开，重连中',
    signOut: '退出', tasks: '我的部门任务', awaiting: '待接收', lead: '主办', coHandling: '协办', whistles: '吹哨报到',
    caseDetail: '案件详情', close: '关闭', submitResult: '反馈处置结果', resultNote: '处置情况', resultPhotos: '现场照片',
    submit: '提交', photos: '照片', timeline: '处置过程', kpis: '本部门指标（近 30 天）', sendBack: '退回', reason: '退回理由',
    cancel: '取消', reportForDuty: '报到', manualPlace: '手动填写位置', longitude: '经度', latitude: '纬度', locate: '重新定位',
    accept: '接收', details: '详情', empty: '暂无', noPhotos: '暂无照片',
    GREEN: '正常', YELLOW: '预警', RED: '超时', NONE: '无时限',
    left: (t) => `剩余 ${t}`, over: (t) => `已超时 ${t}`, reportBy: (t) => `报到期限 ${t}`,
    duration: (h, m) => (h > 0 ? `${h} 小时 ${m} 分` : `${m} 分钟`),
    grid: '网格', category: '类别', step: '环节', leadBy: '主办部门', coBy: '协办部门', status: '状态', place: '位置',
    blownBy: '吹哨人', kind: { ROUTINE: '日常吹哨', HARD_CASE: '攻坚吹哨', EMERGENCY: '应急吹哨' },
    sentBackTimes: (n) => `曾退回 ${n} 次`, acceptedBy: (who) => `${who} 已接收`,
    accepted: (n) => `已接收案件 ${n}`, sentBackDone: (n) => `已退回案件 ${n}`,
    resultDone: (n) => `案件 ${n} 的处置结果已提交`,
    arrived: (m) => `报到成功：距现场 ${m} 米，已计为到场`, notArrived: (m) => `已记录报到，但距现场 ${m} 米，未计为到场`,
    locating: '正在获取定位…', located: (lon, lat, acc) => `已定位：${lon}, ${lat}（精度约 ${acc} 米）`,
    noLocation: (why) => `无法获取定位（${why}），请手动填写经纬度`,
    badPlace: '请填写有效的经度（-180 至 180）和纬度（-90 至 90）', needReason: '请填写退回理由', needNote: '请填写处置情况',
    uploading: (i, n) => `正在上传照片 ${i}/${n}…`, couldNotLoad: (m) => `无法加载：${m}`,
    kpi: { reported: '上报', closed: '结案', dispatched: '派遣', onTime: '按时结案率', rework: '返工率',
      accurate: '准确派遣率', satisfaction: '满意率', evaluated: '评价数' },
    noKpi: '本期暂无本部门数据',
  },
  en: {
    skip: 'Skip to tasks', title: 'Department workbench', connecting: 'connecting', live: 'live', down: 'disconnected, retrying',
    signOut: 'Sign out', tasks: "My department's tasks", awaiting: 'Awaiting acceptance', lead: 'Leading', coHandling: 'Co-handling',
    whistles: 'Whistles summoning us', caseDetail: 'Case', close: 'Close', submitResult: 'Submit the result',
    resultNote: 'What was done', resultPhotos: 'Photos from the site', submit: 'Submit', photos: 'Photos', timeline: 'Timeline',
    kpis: 'Our indicators (last 30 days)', sendBack: 'Send back', reason: 'Reason for sending back', cancel: 'Cancel',
    reportForDuty: 'Report for duty', manualPlace: 'Enter the place by hand', longitude: 'Longitude', latitude: 'Latitude',
    locate: 'Locate again', accept: 'Accept', details: 'Details', empty: 'Nothing here', noPhotos: 'No photos yet',
    GREEN: 'on time', YELLOW: 'warned', RED: 'overdue', NONE: 'no deadline',
    left: (t) => `${t} left`, over: (t) => `overdue by ${t}`, reportBy: (t) => `report by ${t}`,
    duration: (h, m) => (h > 0 ? `${h} h ${m} min` : `${m} min`),
    grid: 'Grid', category: 'Category', step: 'Step', leadBy: 'Lead', coBy: 'Co-handlers', status: 'Status', place: 'Place',
    blownBy: 'Blown by', kind: { ROUTINE: 'routine whistle', HARD_CASE: 'hard-case whistle', EMERGENCY: 'emergency whistle' },
    sentBackTimes: (n) => `sent back ${n}×`, acceptedBy: (who) => `accepted by ${who}`,
    accepted: (n) => `Case ${n} accepted`, sentBackDone: (n) => `Case ${n} sent back`,
    resultDone: (n) => `The result of case ${n} was submitted`,
    arrived: (m) => `Reported: ${m} m from the site, counted as arrived`,
    notArrived: (m) => `Report recorded, but ${m} m from the site: not counted as arrived`,
    locating: 'Finding your location…', located: (lon, lat, acc) => `Located: ${lon}, ${lat} (within about ${acc} m)`,
    noLocation: (why) => `No location (${why}): enter longitude and latitude by hand`,
    badPlace: 'Enter a longitude (-180 to 180) and a latitude (-90 to 90)', needReason: 'Give a reason', needNote: 'Say what was done',
    uploading: (i, n) => `Uploading photo ${i}/${n}…`, couldNotLoad: (m) => `Could not load: ${m}`,
    kpi: { reported: 'Reported', closed: 'Closed', dispatched: 'Dispatched', onTime: 'Closed on time', rework: 'Reworked',
      accurate: 'Accurate dispatch', satisfaction: 'Satisfied', evaluated: 'Evaluations' },
    noKpi: 'No figures for our department in this period',
  },
};

const $ = (id) => document.getElementById(id);
const state = { lang: localStorage.getItem('gridgov.workbench.lang') === 'en' ? 'en' : 'zh', tasks: null, skew: 0,
  selected: null, casesApi: null, whistle: null, sendingBack: null, kpis: null, detail: null };
const t = (key, ...args) => {
  const value = TEXT[state.lang][key];
  return typeof value === 'function' ? value(...args) : value;
};

function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined && text !== null) element.textContent = text;
  return element;
}

function button(label, onClick, className) {
  const b = el('button', className, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

const locale = () => (state.lang === 'zh' ? 'zh-CN' : 'en-GB');
const when = (iso) => (iso ? new Date(iso).toLocaleString(locale(), {
  month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }) : '—');
const percent = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

function duration(ms) {
  const minutes = Math.max(0, Math.round(ms / 60000));
  return t('duration', Math.floor(minutes / 60), minutes % 60);
}

/** "2 h 5 min left" or "overdue by 10 min", against the server's clock. */
function timeLeft(dueAt) {
  if (!dueAt) return '';
  const ms = new Date(dueAt).getTime() - (Date.now() + state.skew);
  return ms >= 0 ? t('left', duration(ms)) : t('over', duration(-ms));
}

async function problemMessage(response) {
  const problem = await response.json().catch(() => null);
  return (problem && problem.message) || `${response.status} ${response.statusText}`;
}

async function call(url, options) {
  const response = await GridgovAuth.fetch(url, options);
  if (!response.ok) {
    const failure = new Error(await problemMessage(response));
    failure.status = response.status;
    throw failure;
  }
  return response.status === 204 ? null : response.json();
}

function notify(text) {
  $('problem').textContent = '';
  $('notice').textContent = text;
}

function fail(text) {
  $('notice').textContent = '';
  $('problem').textContent = text;
}

// ---------------------------------------------------------------- language

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t('title')} · ${state.lang === 'zh' ? 'Department workbench' : '部门工作台'}`;
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.querySelectorAll('.tasks').forEach((list) => { list.dataset.empty = t('empty'); });
  const other = state.lang === 'zh' ? { label: 'English', lang: 'en' } : { label: '中文', lang: 'zh-CN' };
  $('language').textContent = other.label;
  $('language').lang = other.lang;
  $('language').setAttribute('aria-label', other.label);
  showLive($('live').dataset.state);
  renderTasks();
  renderKpis();
  if (state.detail) renderDetail();
}

// ---------------------------------------------------------------- the tasks

async function refreshTasks() {
  try {
    const tasks = await call(`${API}/department-tasks`);
    state.tasks = tasks;
    state.skew = new Date(tasks.asOf).getTime() - Date.now();
    $('tasks-error').textContent = '';
  } catch (failure) {
    if (failure instanceof GridgovAuth.SignInNeeded) return GridgovAuth.signIn();
    $('tasks-error').textContent = t('couldNotLoad', failure.message);
    return undefined;
  }
  $('department').textContent = `${state.tasks.departmentName} (${state.tasks.departmentCode})`;
  renderTasks();
  if (state.detail && !kept(state.detail.caseId)) closeDetail();
  return undefined;
}

const kept = (caseId) => state.tasks && (state.tasks.cases.some((c) => c.caseId === caseId)
  || state.tasks.whistles.some((w) => w.caseId === caseId));

function clockBadge(clock, dueAt) {
  const span = el('span');
  const badge = el('span', 'clock', t(clock || 'NONE'));
  badge.dataset.clock = clock || 'NONE';
  const left = el('span', 'left', timeLeft(dueAt));
  left.dataset.due = dueAt || '';
  span.append(badge, ' ', left);
  return span;
}

function caseItem(c) {
  const li = el('li');
  li.dataset.caseId = c.caseId;
  li.dataset.role = c.role;
  li.dataset.clock = c.clock || 'NONE';
  if (c.caseId === state.selected) li.classList.add('selected');
  const head = el('div', 'head');
  head.append(el('span', 'number', c.caseNumber), clockBadge(c.clock, c.stepDueAt));
  const meta = [`${t('category')} ${c.category}`, `${t('grid')} ${c.gridCode || '—'}`, `${t('step')} ${c.step || '—'}`];
  if (c.role === 'CO_HANDLING') meta.push(`${t('leadBy')} ${c.leadDepartmentName}`);
  else if (c.coHandlers.length) meta.push(`${t('coBy')} ${c.coHandlers.join(', ')}`);
  if (c.sendBackCount > 0) meta.push(t('sentBackTimes', c.sendBackCount));
  if (c.acceptedBy) meta.push(t('acceptedBy', c.acceptedBy));
  const actions = el('div', 'actions');
  if (c.role === 'AWAITING_ACCEPTANCE') {
    actions.append(button(t('accept'), () => accept(c), 'primary accept'), button(t('sendBack'), () => openSendBack(c), 'send-back'));
  }
  actions.append(button(t('details'), () => openDetail(c.caseId), 'details'));
  li.append(head, el('div', 'meta', meta.join(' · ')), el('div', 'meta', c.reason || ''), actions);
  return li;
}

function whistleItem(w) {
  const li = el('li');
  li.dataset.whistleId = w.whistleId;
  li.dataset.caseId = w.caseId;
  li.dataset.clock = w.clock || 'NONE';
  const head = el('div', 'head');
  head.append(el('span', 'number', w.caseNumber || w.caseId.slice(0, 8)), el('span', null, t('kind')[w.kind] || w.kind),
    clockBadge(w.clock, w.reportBy));
  const meta = [`${t('grid')} ${w.gridCode || '—'}`, `${t('blownBy')} ${w.blownBy}`, t('reportBy', when(w.reportBy))];
  const actions = el('div', 'actions');
  actions.append(button(t('reportForDuty'), () => openDuty(w), 'primary report'), button(t('details'), () => openDetail(w.caseId), 'details'));
  li.append(head, el('div', 'meta', meta.join(' · ')), actions);
  return li;
}

function renderTasks() {
  if (!state.tasks) return;
  const by = (role) => state.tasks.cases.filter((c) => c.role === role);
  const lists = [['awaiting', by('AWAITING_ACCEPTANCE')], ['lead', by('LEAD')], ['co', by('CO_HANDLING')]];
  lists.forEach(([id, list]) => {
    $(id).replaceChildren(...list.map(caseItem));
    $(`${id}-count`).textContent = `(${list.length})`;
  });
  $('whistles').replaceChildren(...state.tasks.whistles.map(whistleItem));
  $('whistles-count').textContent = `(${state.tasks.whistles.length})`;
}

function tick() {
  document.querySelectorAll('.left[data-due]').forEach((node) => { node.textContent = timeLeft(node.dataset.due); });
}

// ---------------------------------------------------------------- accept, send back

async function accept(c) {
  try {
    await call(`${API}/routing-decisions/${c.caseId}/acceptance`, { method: 'POST' });
    notify(t('accepted', c.caseNumber));
  } catch (failure) {
    fail(`${c.caseNumber}: ${failure.message}`);
  }
  refreshSoon();
}

function openSendBack(c) {
  state.sendingBack = c;
  $('send-back-case').textContent = c.caseNumber;
  $('send-back-reason').value = '';
  $('send-back-error').textContent = '';
  $('send-back-dialog').showModal();
  $('send-back-reason').focus();
}

async function sendBack(event) {
  event.preventDefault();
  const c = state.sendingBack;
  const reason = $('send-back-reason').value.trim();
  if (!reason) {
    $('send-back-error').textContent = t('needReason');
    return;
  }
  try {
    await call(`${API}/routing-decisions/${c.caseId}/send-back`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason }) });
    $('send-back-dialog').close();
    notify(t('sentBackDone', c.caseNumber));
  } catch (failure) {
    $('send-back-error').textContent = failure.message;
  }
  refreshSoon();
}

// ---------------------------------------------------------------- report for duty

function locate() {
  $('duty-where').textContent = t('locating');
  if (!navigator.geolocation) {
    $('duty-where').textContent = t('noLocation', 'geolocation');
    return;
  }
  navigator.geolocation.getCurrentPosition((position) => {
    const { longitude, latitude, accuracy } = position.coords;
    $('duty-longitude').value = longitude.toFixed(6);
    $('duty-latitude').value = latitude.toFixed(6);
    $('duty-where').textContent = t('located', longitude.toFixed(5), latitude.toFixed(5), Math.round(accuracy));
  }, (error) => {
    $('duty-where').textContent = t('noLocation', error.message || error.code);
    $('duty-longitude').focus();
  }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 });
}

function openDuty(w) {
  state.whistle = w;
  $('duty-case').textContent = w.caseNumber || '';
  $('duty-longitude').value = '';
  $('duty-latitude').value = '';
  $('duty-error').textContent = '';
  $('duty-dialog').showModal();
  locate();
}

async function reportForDuty(event) {
  event.preventDefault();
  const w = state.whistle;
  const longitude = Number($('duty-longitude').value);
  const latitude = Number($('duty-latitude').value);
  if (!$('duty-longitude').value || !$('duty-latitude').value || !(Math.abs(longitude) <= 180) || !(Math.abs(latitude) <= 90)) {
    $('duty-error').textContent = t('badPlace');
    return;
  }
  try {
    const outcome = await call(`${API}/whistles/${w.whistleId}/duty-reports`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ longitude, latitude }) });
    $('duty-dialog').close();
    const meters = Math.round(outcome.distanceMeters);
    if (outcome.arrived) notify(`${w.caseNumber}: ${t('arrived', meters)}`);
    else fail(`${w.caseNumber}: ${t('notArrived', meters)}`);
  } catch (failure) {
    $('duty-error').textContent = failure.message;
  }
  refreshSoon();
}

// ---------------------------------------------------------------- a case: facts, timeline, photos, result

async function openDetail(caseId) {
  state.selected = caseId;
  document.querySelectorAll('.tasks > li').forEach((li) => li.classList.toggle('selected', li.dataset.caseId === caseId));
  $('case-panel').hidden = false;
  $('case-error').textContent = '';
  try {
    const [view, timeline] = await Promise.all([
      call(`${state.casesApi}/cases/${caseId}`), call(`${state.casesApi}/cases/${caseId}/timeline`)]);
    state.detail = { caseId, view, timeline };
    renderDetail();
    loadPhotos(timeline.flatMap((entry) => entry.photoIds || []));
  } catch (failure) {
    state.detail = null;
    $('case-error').textContent = t('couldNotLoad', failure.message);
  }
  $('case-panel').focus();
}

function closeDetail() {
  state.selected = null;
  state.detail = null;
  $('case-panel').hidden = true;
  document.querySelectorAll('.tasks > li.selected').forEach((li) => li.classList.remove('selected'));
}

function renderDetail() {
  const { view, timeline } = state.detail;
  $('case-number').textContent = view.number;
  $('case-panel').dataset.caseId = view.id;
  $('case-panel').dataset.status = view.status;
  const facts = [[t('status'), view.status], [t('category'), `${view.category} ${view.description || ''}`],
    [t('grid'), view.gridCode || '—'], [t('place'), view.address || `${view.longitude.toFixed(5)}, ${view.latitude.toFixed(5)}`],
    [t('leadBy'), view.routing ? (view.routing.departmentName || view.routing.departmentCode) : '—']];
  if (view.clock) facts.push([t('step'), `${view.clock.step} · ${timeLeft(view.clock.dueAt) || t('NONE')}`]);
  $('case-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', null, k), el('dd', null, v)]));
  $('timeline').replaceChildren(...timeline.map((entry) => {
    const li = el('li');
    li.dataset.action = entry.action;
    const time = el('time', null, when(entry.at));
    time.dateTime = entry.at;
    const who = [entry.staffId, entry.departmentCode].filter(Boolean).join(' · ');
    li.append(time, el('strong', null, entry.action), ` ${entry.toStatus || ''} `, el('span', 'meta', who),
      entry.note ? el('div', 'meta', entry.note) : '');
    return li;
  }));
  const task = state.tasks && state.tasks.cases.find((c) => c.caseId === view.id);
  $('result-form').hidden = !(task && task.role === 'LEAD' && view.status === 'HANDLING');
}

async function loadPhotos(ids) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    $('photos').replaceChildren(el('p', 'meta', t('noPhotos')));
    return;
  }
  const images = await Promise.all(unique.map(async (id) => {
    try {
      const response = await GridgovAuth.fetch(`${state.casesApi}/photos/${id}`);
      if (!response.ok) return null;
      const img = el('img');
      img.src = URL.createObjectURL(await response.blob());
      img.alt = `${t('photos')} ${id.slice(0, 8)}`;
      img.dataset.photoId = id;
      return img;
    } catch (e) {
      return null;
    }
  }));
  $('photos').replaceChildren(...images.filter(Boolean));
}

async function submitResult(event) {
  event.preventDefault();
  const { view } = state.detail;
  const note = $('result-note').value.trim();
  if (!note) {
    $('result-error').textContent = t('needNote');
    return;
  }
  $('result-error').textContent = '';
  $('result-submit').disabled = true;
  try {
    const files = [...$('result-photos').files];
    const photoIds = [];
    for (const [i, file] of files.entries()) {
      notify(t('uploading', i + 1, files.length));
      const form = new FormData();
      form.append('file', file, file.name);
      photoIds.push((await call(`${state.casesApi}/photos`, { method: 'POST', body: form })).id);
    }
    await call(`${state.casesApi}/cases/${view.id}/result`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ commandId: crypto.randomUUID(), note, photoIds }) });
    notify(t('resultDone', view.number));
    $('result-note').value = '';
    $('result-photos').value = '';
    await openDetail(view.id);
  } catch (failure) {
    $('notice').textContent = '';
    $('result-error').textContent = failure.message;
  } finally {
    $('result-submit').disabled = false;
  }
  refreshSoon();
}

// ---------------------------------------------------------------- indicators

async function refreshKpis() {
  const to = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  const from = new Date(Date.now() - KPI_DAYS * 86400000).toISOString().slice(0, 10);
  try {
    state.kpis = await call(`${state.casesApi}/indicators?by=department&from=${from}&to=${to}`);
    $('kpi-error').textContent = '';
  } catch (failure) {
    $('kpi-error').textContent = t('couldNotLoad', failure.message);
  }
  renderKpis();
}

function renderKpis() {
  if (!state.kpis) return;
  const row = state.kpis.lines[0];
  if (!row) {
    $('kpis').replaceChildren(el('dt', null, t('noKpi')), el('dd'));
    return;
  }
  const k = TEXT[state.lang].kpi;
  const c = row.counts;
  const i = row.indicators;
  const pairs = [[k.reported, c.reported], [k.dispatched, c.dispatched], [k.closed, c.closed],
    [k.onTime, percent(i.onTimeClosureRate)], [k.rework, percent(i.reworkRate)],
    [k.accurate, percent(i.accurateDispatchRate)], [k.evaluated, c.evaluated], [k.satisfaction, percent(i.satisfactionRate)]];
  $('kpis').dataset.unit = row.unit;
  $('kpis').replaceChildren(...pairs.flatMap(([name, value]) => [el('dt', null, name), el('dd', null, String(value))]));
}

// ---------------------------------------------------------------- live updates

let refreshTimer = null;

function refreshSoon() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(async () => {
    refreshTimer = null;
    await refreshTasks();
    if (state.detail) openDetail(state.detail.caseId);
  }, REFRESH_GAP_MS);
}

function showLive(which) {
  $('live').dataset.state = which;
  $('live').textContent = t(which === 'live' ? 'live' : which === 'down' ? 'down' : 'connecting');
}

/** dispatch-service's live stream, read through fetch (EventSource cannot send the token); any event refreshes. */
async function listen() {
  try {
    const response = await GridgovAuth.fetch(`${API}/stream`, { headers: { Accept: 'text/event-stream' } });
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    showLive('live');
    refreshSoon();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (value.includes('data:')) refreshSoon();
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
  state.casesApi = (await (await fetch('config.json', { cache: 'no-store' })).json()).casesApi;
  $('sign-out').addEventListener('click', () => GridgovAuth.signOut());
  $('language').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('gridgov.workbench.lang', state.lang);
    applyLanguage();
  });
  $('send-back-form').addEventListener('submit', sendBack);
  $('send-back-cancel').addEventListener('click', () => $('send-back-dialog').close());
  $('duty-form').addEventListener('submit', reportForDuty);
  $('duty-locate').addEventListener('click', locate);
  $('duty-cancel').addEventListener('click', () => $('duty-dialog').close());
  $('result-form').addEventListener('submit', submitResult);
  $('case-close').addEventListener('click', closeDetail);
  applyLanguage();
  await refreshTasks();
  refreshKpis();
  listen();
  setInterval(tick, TICK_MS);
  setInterval(() => { refreshSoon(); refreshKpis(); }, POLL_MS);
}

start();
