// What the console (index.html) and its wall view (wall.html) share: the words in both languages,
// the language switch, calls to both services with the person's token, and the live stream.
'use strict';

const API = '/api/v1';
const STREAM_RETRY_MS = 5000;

const TEXT = {
  zh: {
    skip: '跳到地图', title: '指挥中心', wallTitle: '指挥中心大屏', connecting: '连接中', live: '实时', down: '已断开，重连中',
    signOut: '退出', wallLink: '大屏', consoleLink: '控制台',
    map: '网格地图', mapLabel: '网格与案件地图', layers: '图层', layerGrids: '网格', layerCases: '案件', layerHeat: '热力',
    layerDedicated: '专属网格', layerZones: '执法片区', gridsFailed: (m) => `网格未能加载（${m}），案件按位置显示`,
    casesFailed: (m) => `案件未能加载：${m}`, truncated: (n) => `仅显示前 ${n} 件`, gridOpen: (o, r) => `在办 ${o} · 超时 ${r}`,
    cluster: (n) => `${n} 件案件，按 Enter 放大`, legendFill: '网格颜色：在办案件数；红框：有超时案件',
    queue: '待派发', overdue: '超时案件', whistles: '吹哨报到', feed: '实时动态', search: '案件查询', detail: '案件详情',
    kpis: '考核指标（近 30 天）', clocks: '在办案件时限', close: '关闭',
    GREEN: '正常', YELLOW: '预警', RED: '超时', NONE: '无时限',
    noRule: '规则未定', putBack: (who) => `${who} 转回指挥中心`,
    sentBack: (n, dept) => `退回 ${n} 次，待 ${dept} 接收`, byHand: (who) => `${who} 已人工派发`,
    overdueBy: (t) => `超时 ${t}`, duration: (h, m) => (h > 0 ? `${h} 小时 ${m} 分` : `${m} 分钟`),
    level: (n) => `督办 ${n} 级`, reportWithin: (t) => `报到期限 ${t}`, blownBy: (who) => `吹哨人 ${who}`,
    arrived: '已到', notArrived: '未到', couldNotLoad: (m) => `无法加载：${m}`,
    kind: { ROUTINE: '日常吹哨', HARD_CASE: '攻坚吹哨', EMERGENCY: '应急吹哨' },
    facts: '基本信息', status: '状态', category: '类别', grid: '网格', place: '位置', reported: '上报时间', step: '环节',
    routing: '分流决定', lead: '主办部门', coHandlers: '协办部门', rule: '规则', reason: '理由', state: '状态',
    overriddenBy: '人工派发', decisionNone: '尚无分流决定', recommended: '推荐处置人', noRecommendation: '暂无推荐',
    score: (s) => `${s} 分`, meters: (m) => `${m} 米`, openCases: (n) => `在办 ${n} 件`,
    timeline: '处置过程', photos: '照片', noPhotos: '暂无照片',
    actions: '操作', accept: '受理', urgency: '紧急程度', normal: '一般', urgent: '紧急', accepted: (n) => `案件 ${n} 已受理`,
    dispatch: '人工派发', mode: '处置方式', toDepartment: '交办部门', inGrid: '网格内处置', dispatchReason: '派发理由',
    dispatchSubmit: '派发', dispatched: (n, d) => `${n} 已派发至 ${d}`,
    whistle: '吹哨', whistleKind: '吹哨类型', summon: '召集部门', whistleSubmit: '吹哨',
    whistled: (n) => `已为案件 ${n} 吹哨`, needDepartments: '请选择召集部门', cancel: '取消',
    searchText: '关键词', searchGrid: '网格/社区/街道', searchDepartment: '部门', searchCategory: '类别前缀',
    searchOpen: '状态', all: '全部', open: '未结', ended: '已结', searchClock: '时限', any: '全部',
    from: '上报起', to: '上报止', sort: '排序', newest: '最新上报', dueFirst: '最先到期', byNumber: '编号',
    searchSubmit: '查询', csv: '导出 CSV', more: '更多', searchFailed: (m) => `查询失败：${m}`, exportFailed: (m) => `导出失败：${m}`,
    colNumber: '编号', colStatus: '状态', colClock: '时限', colCategory: '类别', colGrid: '网格', colDepartment: '部门',
    colReported: '上报', colDescription: '描述', details: '详情',
    today: '今日', todayReported: '今日上报', todayClosed: '今日结案', openNow: '在办', overdueNow: '超时',
    whistlesOpen: '吹哨未毕', queued: '待派发',
    onTime: '按期结案率', rework: '返工率', accurate: '准确派遣率', byGrid: '各网格按期结案率', byDepartment: '各部门准确派遣率',
    noKpi: '本期暂无数据',
    // the at-risk list and hotspot alerts
    atRisk: '预计超时', atRiskNow: '预计超时', predicted: (t) => `预计完成 ${t}`, dueAt: (t) => `期限 ${t}`,
    lateShare: (p) => `历史超时 ${p}%`, hotspots: '高发预警', hotspotLine: (n, r, h) => `${n} 件 · ${r} 米内 · ${h} 小时内`,
    raisedAt: (t) => `预警于 ${t}`, noneAtRisk: '暂无预计超时案件', noHotspots: '暂无高发预警',
    events: {
      'dispatch.routed': '分流', 'dispatch.department-accepted': '接收', 'dispatch.sent-back': '退回',
      'dispatch.sla-warning': '督办', 'dispatch.whistle-blown': '吹哨', 'dispatch.reported-for-duty': '报到',
      'dispatch.escalated': '升级', 'dispatch.whistle-closed': '哨毕', 'dispatch.decision-realigned': '更正',
    },
  },
  en: {
    skip: 'Skip to the map', title: 'Command center', wallTitle: 'Command center wall', connecting: 'connecting', live: 'live',
    down: 'disconnected, retrying', signOut: 'Sign out', wallLink: 'Wall view', consoleLink: 'Console',
    map: 'Grid map', mapLabel: 'Map of grids and cases', layers: 'Layers', layerGrids: 'Grids', layerCases: 'Cases',
    layerHeat: 'Heat', layerDedicated: 'Dedicated grids', layerZones: 'Enforcement zones',
    gridsFailed: (m) => `Grids could not be loaded (${m}); cases are shown by position`,
    casesFailed: (m) => `Cases could not be loaded: ${m}`, truncated: (n) => `Only the first ${n} shown`,
    gridOpen: (o, r) => `${o} open · ${r} overdue`, cluster: (n) => `${n} cases, press Enter to zoom in`,
    legendFill: 'Grid colour: open cases; red outline: overdue cases',
    queue: 'Dispatch queue', overdue: 'Overdue', whistles: 'Whistle board', feed: 'Live feed', search: 'Case search',
    detail: 'Case', kpis: 'Indicators (last 30 days)', clocks: 'Open cases by clock', close: 'Close',
    GREEN: 'on time', YELLOW: 'warned', RED: 'overdue', NONE: 'no deadline',
    noRule: 'no rule decided', putBack: (who) => `put back to the center by ${who}`,
    sentBack: (n, dept) => `sent back ${n}×, awaiting acceptance by ${dept}`, byHand: (who) => `dispatched by hand by ${who}`,
    overdueBy: (t) => `overdue by ${t}`, duration: (h, m) => (h > 0 ? `${h} h ${m} min` : `${m} min`),
    level: (n) => `supervision level ${n}`, reportWithin: (t) => `report by ${t}`, blownBy: (who) => `blown by ${who}`,
    arrived: 'arrived', notArrived: 'not yet', couldNotLoad: (m) => `Could not load: ${m}`,
    kind: { ROUTINE: 'routine whistle', HARD_CASE: 'hard-case whistle', EMERGENCY: 'emergency whistle' },
    facts: 'Facts', status: 'Status', category: 'Category', grid: 'Grid', place: 'Place', reported: 'Reported', step: 'Step',
    routing: 'Routing decision', lead: 'Lead', coHandlers: 'Co-handlers', rule: 'Rule', reason: 'Reason', state: 'State',
    overriddenBy: 'Dispatched by hand', decisionNone: 'No routing decision yet', recommended: 'Recommended handlers',
    noRecommendation: 'No recommendation', score: (s) => `score ${s}`, meters: (m) => `${m} m`, openCases: (n) => `${n} open`,
    timeline: 'Timeline', photos: 'Photos', noPhotos: 'No photos',
    actions: 'Actions', accept: 'Accept', urgency: 'Urgency', normal: 'normal', urgent: 'urgent', accepted: (n) => `Case ${n} accepted`,
    dispatch: 'Dispatch by hand', mode: 'Mode', toDepartment: 'To a department', inGrid: 'In the grid',
    dispatchReason: 'Reason', dispatchSubmit: 'Dispatch', dispatched: (n, d) => `${n} dispatched to ${d}`,
    whistle: 'Whistle', whistleKind: 'Kind of whistle', summon: 'Departments summoned', whistleSubmit: 'Blow the whistle',
    whistled: (n) => `Whistle blown for case ${n}`, needDepartments: 'Choose the departments to summon', cancel: 'Cancel',
    searchText: 'Text', searchGrid: 'Grid or area', searchDepartment: 'Department', searchCategory: 'Category prefix',
    searchOpen: 'State', all: 'all', open: 'open', ended: 'ended', searchClock: 'Clock', any: 'any',
    from: 'Reported from', to: 'Reported before', sort: 'Sort', newest: 'newest', dueFirst: 'due first', byNumber: 'number',
    searchSubmit: 'Search', csv: 'Export CSV', more: 'More', searchFailed: (m) => `Search failed: ${m}`,
    exportFailed: (m) => `Export failed: ${m}`,
    colNumber: 'Number', colStatus: 'Status', colClock: 'Clock', colCategory: 'Category', colGrid: 'Grid',
    colDepartment: 'Department', colReported: 'Reported', colDescription: 'Description', details: 'Details',
    today: 'Today', todayReported: 'Reported today', todayClosed: 'Closed today', openNow: 'Open', overdueNow: 'Overdue',
    whistlesOpen: 'Open whistles', queued: 'Awaiting dispatch',
    onTime: 'Closed on time', rework: 'Reworked', accurate: 'Accurate dispatch', byGrid: 'On-time closure by grid',
    byDepartment: 'Accurate dispatch by department', noKpi: 'No figures in this period',
    // the at-risk list and hotspot alerts
    atRisk: 'At risk of missing the deadline', atRiskNow: 'At risk', predicted: (t) => `predicted finish ${t}`,
    dueAt: (t) => `due ${t}`, lateShare: (p) => `${p}% late before`, hotspots: 'Hotspot alerts',
    hotspotLine: (n, r, h) => `${n} reports · within ${r} m · within ${h} h`, raisedAt: (t) => `raised ${t}`,
    noneAtRisk: 'No case at risk', noHotspots: 'No hotspot',
    events: {
      'dispatch.routed': 'routed', 'dispatch.department-accepted': 'accepted', 'dispatch.sent-back': 'sent back',
      'dispatch.sla-warning': 'SLA warning', 'dispatch.whistle-blown': 'whistle blown',
      'dispatch.reported-for-duty': 'reported for duty', 'dispatch.escalated': 'escalated',
      'dispatch.whistle-closed': 'whistle closed', 'dispatch.decision-realigned': 'realigned',
    },
  },
};

const LANG_KEY = 'gridgov.console.lang';
const Pages = {
  lang: localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh',
  casesApi: API,
  tileUrl: null,
  tileAttribution: null,
  /** Called after the language changed, to draw again what the page drew with words. */
  onLanguage: () => {},
};

const $ = (id) => document.getElementById(id);

function t(key, ...args) {
  const value = TEXT[Pages.lang][key];
  return typeof value === 'function' ? value(...args) : value;
}

function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined && text !== null) element.textContent = text;
  return element;
}

/** Every element naming a word (data-i18n) gets it in the current language; data-i18n-label names its aria-label. */
function applyLanguage() {
  document.documentElement.lang = Pages.lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((node) => node.setAttribute('aria-label', t(node.dataset.i18nLabel)));
  const other = Pages.lang === 'zh' ? 'en' : 'zh';
  const button = $('language');
  button.textContent = other === 'en' ? 'English' : '中文';
  button.lang = other === 'en' ? 'en' : 'zh-CN';
  button.setAttribute('aria-label', other === 'en' ? 'Switch to English' : '切换到中文');
  Pages.onLanguage();
}

function switchLanguage() {
  Pages.lang = Pages.lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem(LANG_KEY, Pages.lang);
  applyLanguage();
}

const locale = () => (Pages.lang === 'zh' ? 'zh-CN' : 'en-GB');
const when = (iso) => (iso ? new Date(iso).toLocaleString(locale(), {
  month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
}) : '—');
const clockTime = (iso) => new Date(iso || Date.now()).toLocaleTimeString(locale(), { hour12: false });
const duration = (minutes) => t('duration', Math.floor(minutes / 60), minutes % 60);
const percent = (rate) => (rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10);

/** A refused request: the API's message, naming the field when there is one, and its code. */
async function refusal(response) {
  const problem = await response.json().catch(() => null);
  if (!problem) return Object.assign(new Error(`${response.status} ${response.statusText}`), { status: response.status });
  const message = problem.field ? `${problem.field}: ${problem.message}` : problem.message;
  return Object.assign(new Error(message), { code: problem.code, status: response.status });
}

/** A JSON call with the person's token; a refusal throws (see refusal). */
async function call(url, options) {
  const response = await GridgovAuth.fetch(url, options);
  if (!response.ok) throw await refusal(response);
  return response.status === 204 ? null : response.json();
}

const api = (path, options) => call(API + path, options);
const cases = (path, options) => call(Pages.casesApi + path, options);
const postJson = (body) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

function showLive(which) {
  $('live').dataset.state = which;
  $('live').textContent = t(which === 'live' ? 'live' : 'down');
}

/**
 * The live stream (server-sent events of every event dispatch-service publishes), read through fetch
 * because EventSource cannot send the bearer token. Events published while it was down are not
 * replayed, so onConnected reads everything again.
 */
async function listen(onEvent, onConnected) {
  try {
    const response = await GridgovAuth.fetch(`${API}/stream`, { headers: { Accept: 'text/event-stream' } });
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    showLive('live');
    onConnected();
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
        if (!data) continue;
        try {
          onEvent(JSON.parse(data));
        } catch (notJson) {
          // A line that is not an event is not ours to show.
        }
      }
    }
  } catch (dropped) {
    if (dropped instanceof GridgovAuth.SignInNeeded) {
      GridgovAuth.signIn();
      return;
    }
  }
  showLive('down');
  setTimeout(() => listen(onEvent, onConnected), STREAM_RETRY_MS);
}

/** Reads the page's settings, signs in, and shows who is signed in; the language switch is ready before. */
async function startPage() {
  applyLanguage();
  $('language').addEventListener('click', switchLanguage);
  const settings = await (await fetch('config.json', { cache: 'no-store' })).json();
  Pages.casesApi = settings.casesApi || API;
  Pages.tileUrl = settings.tileUrl || null;
  Pages.tileAttribution = settings.tileAttribution || null;
  const user = await GridgovAuth.start({ clientId: 'gridgov-console' });
  $('me').textContent = user ? `${user.name} · ${user.staffId}` : '';
  $('sign-out').addEventListener('click', () => GridgovAuth.signOut());
  return user;
}

/** The feed's line for one event: time, what happened, the case, a detail. */
function feedItem(event, numberOf) {
  const d = event.data || {};
  const caseId = event.subject || d.caseId;
  const details = {
    'dispatch.routed': () => `→ ${d.departmentName || d.departmentCode}`,
    'dispatch.department-accepted': () => d.departmentCode,
    'dispatch.sent-back': () => `${d.departmentCode}: ${d.reason}`,
    'dispatch.sla-warning': () => `${t(d.color) || d.color} L${d.escalationLevel}`,
    'dispatch.whistle-blown': () => (d.departments || []).join(', '),
    'dispatch.reported-for-duty': () => `${d.departmentCode} ${d.arrived ? t('arrived') : t('notArrived')}`,
    'dispatch.escalated': () => `${d.departmentCode} → ${d.to}`,
    'dispatch.decision-realigned': () => `${d.caseStatus}: ${d.departmentName || d.departmentCode}`,
  };
  const li = el('li');
  li.dataset.type = event.type;
  li.dataset.caseId = caseId;
  const time = el('time', null, clockTime(event.time));
  if (event.time) time.dateTime = event.time;
  li.append(time, el('span', 'type', t('events')[event.type] || event.type), el('span', 'number', numberOf(caseId, d.caseNumber)),
    ' ', el('span', 'detail', details[event.type] ? details[event.type]() : ''));
  return li;
}
