// The grid worker's phone app, map first. A report is placed by the device's GPS or by a pin dropped
// on the map, takes a category from the catalogue (its register conditions shown) and photos from the
// camera, shrunk on the phone before they are sent. It is kept on the phone (IndexedDB) with the
// report id it was given when written, and sent whenever there is a signal: on submit, when the phone
// comes back online, and every few seconds. A report that went out but whose answer was lost is sent
// again under the same id; the server answers with the same case.
// My tasks: the cases to verify and the results to check in the grids where the worker holds a post,
// each with the way there from where the phone is and one tap to record the result, and the grids'
// open cases. A result tapped with no signal waits on the phone like a report, under the command id
// it was given when tapped, and goes out when the signal returns; case-service applies an id once,
// so a resend whose answer was lost changes nothing. A reporter rates a closed case the same way.
// The worker signs in through the identity provider (GridgovAuth); who reports or acts is
// the signed-in person, never a field of the form. A report written while the sign-in has lapsed waits
// like one written with no signal, and goes once the worker has signed in again.
'use strict';

const API = '/api/v1';
const RETRY_MS = 10000;
const TASKS_MS = 20000;
const DB_NAME = 'gridgov-phone';
const STORE = 'reports';
/** On-site results (verify, check) and ratings tapped on the phone, kept until case-service has them. */
const COMMANDS = 'commands';
/** Photos are shrunk to at most this many pixels on their longer side, as JPEG: a few hundred kB on a weak signal. */
const PHOTO_MAX_SIDE = 1600;
const PHOTO_QUALITY = 0.82;

const TEXT = {
  zh: {
    skip: '跳到内容', title: '网格员', online: '在线', offline: '无信号', signIn: '登录', signOut: '退出',
    notSignedIn: '未登录', map: '地图', mapLabel: '地图：点按放置上报位置，方向键移动地图', sections: '功能',
    report: '上报', tasks: '我的任务', myReports: '我的上报', category: '类别', description: '问题描述', where: '位置',
    locate: 'GPS 定位', pinHere: '图钉放在地图中心', longitude: '经度', latitude: '纬度', address: '地址（可选）',
    photos: '现场照片（拍照或从相册选择）', submit: '上报', toVerify: '现场核实', toCheck: '现场核查', gridOpen: '本网格在办案件',
    conditions: (text) => `立案条件：${text}`, photoNeeded: '须附现场照片', noPosition: '尚未选择位置：点按地图放置图钉，或使用 GPS 定位',
    positionBy: { gps: 'GPS', pin: '图钉', typed: '手动输入', last: '上次位置' },
    position: (lon, lat, by) => `${by}：${lon}, ${lat}`,
    locating: '正在定位…', noGps: (why) => `无法定位（${why}），请在地图上放置图钉`,
    needed: '请填写描述并选择位置', badPlace: '请填写有效的经度（-180 至 180）和纬度（-90 至 90）',
    shrinking: '正在压缩照片…', notKept: (why) => `未能保存在手机上（${why}）`, photoCount: (n) => `已选 ${n} 张照片（已压缩）`,
    waiting: '等待发送', sent: '已上报', refused: '被退回', queued: '已保存在手机上，有信号时自动发送',
    verify: '核实属实', pass: '核查通过', fail: '不通过（返工）', showOnMap: '在地图上查看', navigate: '导航',
    verified: (n) => `案件 ${n} 已核实`, checkedPass: (n) => `案件 ${n} 核查通过，已结案`, checkedFail: (n) => `案件 ${n} 核查未通过，已返工`,
    commandQueued: (n) => `案件 ${n} 的结果已保存在手机上，有信号时自动发送`, commandWaiting: '结果等待发送',
    rate: '满意度评价', rated: (n, score) => `案件 ${n} 已评价：${score} 分`, stars: (n) => `${n} 分`,
    away: (m, dir) => `距此 ${m}，${dir}方向`, here: '就在附近', unknownWay: '开启定位后显示距离和方向',
    metres: (m) => (m >= 1000 ? `${(m / 1000).toFixed(1)} 公里` : `${Math.round(m)} 米`),
    dirs: ['北', '东北', '东', '东南', '南', '西南', '西', '西北'],
    myGrids: (grids) => `我的网格：${grids.join('、')}`, empty: '暂无',
    more: (shown, total) => `显示 ${shown} 件，共 ${total} 件`, notGridStaff: '您没有网格岗位，无现场任务',
    couldNotLoad: (m) => `无法加载：${m}`, noSignalAction: '无信号，请稍后再试', noGrids: '网格边界未能加载，图钉与案件照常显示',
    GREEN: '正常', YELLOW: '预警', RED: '超时', NONE: '',
    status: { REPORTED: '待核实', VERIFIED: '待受理', ACCEPTED: '已受理', DISPATCHED: '已派遣', HANDLING: '处置中', PARKED: '挂账',
      RESULT_SUBMITTED: '待核查', CLOSED: '已结案', EVALUATED: '已评价', REJECTED: '已作废', MERGED: '已并案' },
  },
  en: {
    skip: 'Skip to content', title: 'Grid worker', online: 'online', offline: 'no signal', signIn: 'Sign in', signOut: 'Sign out',
    notSignedIn: 'Not signed in', map: 'Map', mapLabel: 'Map: tap to drop the report\'s pin; arrow keys move the map',
    sections: 'Sections', report: 'Report', tasks: 'My tasks', myReports: 'My reports', category: 'Category',
    description: 'What is wrong', where: 'Place', locate: 'Locate by GPS', pinHere: 'Pin at the map\'s centre',
    longitude: 'Longitude', latitude: 'Latitude', address: 'Address (optional)', photos: 'Photos (camera or gallery)',
    submit: 'Report', toVerify: 'Verify on site', toCheck: 'Check on site', gridOpen: 'Open cases of my grids',
    conditions: (text) => `Registered when: ${text}`, photoNeeded: 'A photo from the site is required',
    noPosition: 'No place yet: tap the map to drop a pin, or locate by GPS',
    positionBy: { gps: 'GPS', pin: 'Pin', typed: 'Typed', last: 'Last place' },
    position: (lon, lat, by) => `${by}: ${lon}, ${lat}`,
    locating: 'Locating…', noGps: (why) => `No location (${why}): drop a pin on the map`,
    needed: 'A description and a place are needed', badPlace: 'Enter a longitude (-180 to 180) and a latitude (-90 to 90)',
    shrinking: 'Shrinking the photos…', notKept: (why) => `Could not keep it on the phone (${why})`, photoCount: (n) => `${n} photo(s) chosen (shrunk)`,
    waiting: 'waiting', sent: 'sent', refused: 'refused', queued: 'Kept on the phone; it goes out when there is a signal',
    verify: 'Verified: real', pass: 'Check passed', fail: 'Check failed (rework)', showOnMap: 'Show on the map', navigate: 'Navigate',
    verified: (n) => `Case ${n} verified`, checkedPass: (n) => `Case ${n} passed its check and is closed`,
    checkedFail: (n) => `Case ${n} failed its check: back to rework`,
    commandQueued: (n) => `The result for case ${n} is kept on the phone; it goes out when there is a signal`,
    commandWaiting: 'result waiting to be sent',
    rate: 'How satisfied are you?', rated: (n, score) => `Case ${n} rated ${score}`, stars: (n) => `${n} of 5`,
    away: (m, dir) => `${m} to the ${dir}`, here: 'right here', unknownWay: 'Turn on location to see the way there',
    metres: (m) => (m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`),
    dirs: ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'],
    myGrids: (grids) => `My grids: ${grids.join(', ')}`, empty: 'Nothing here',
    more: (shown, total) => `${shown} shown of ${total}`, notGridStaff: 'You hold no grid post: no on-site tasks',
    couldNotLoad: (m) => `Could not load: ${m}`, noSignalAction: 'No signal: try again later',
    noGrids: 'The grids\' outlines could not be loaded; pins and cases still show',
    GREEN: 'on time', YELLOW: 'warned', RED: 'overdue', NONE: '',
    status: { REPORTED: 'to verify', VERIFIED: 'to accept', ACCEPTED: 'accepted', DISPATCHED: 'dispatched', HANDLING: 'in hand',
      PARKED: 'parked', RESULT_SUBMITTED: 'to check', CLOSED: 'closed', EVALUATED: 'evaluated', REJECTED: 'rejected', MERGED: 'merged' },
  },
};

const $ = (id) => document.getElementById(id);
const state = {
  lang: localStorage.getItem('gridgov.phone.lang') === 'en' ? 'en' : 'zh',
  categories: [], tasks: null, tasksRefused: false, here: null, place: null, photos: [],
  /** What was tapped and waits on the phone (verify, check, rating), oldest first. */
  queued: [],
};
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

/** A random UUID; crypto.randomUUID exists only on https or localhost, getRandomValues everywhere. */
function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function notify(text) {
  $('notice').textContent = text;
}

// ---------------------------------------------------------------- the queue on the phone

let db;
let sending = false;
let sendAgain = false;

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 2);
    request.onupgradeneeded = (event) => {
      if (event.oldVersion < 1) request.result.createObjectStore(STORE, { keyPath: 'reportId' });
      if (event.oldVersion < 2) request.result.createObjectStore(COMMANDS, { keyPath: 'commandId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function tx(mode, work, store = STORE) {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(store, mode);
    const result = work(transaction.objectStore(store));
    transaction.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error || new Error('storage transaction aborted'));
  });
}

const allReports = () => tx('readonly', (s) => s.getAll());
const saveReport = (report) => tx('readwrite', (s) => s.put(report));
const allCommands = () => tx('readonly', (s) => s.getAll(), COMMANDS);
const saveCommand = (command) => tx('readwrite', (s) => s.put(command), COMMANDS);
const forgetCommand = (commandId) => tx('readwrite', (s) => s.delete(commandId), COMMANDS);

async function renderReports() {
  const reports = (await allReports()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  $('reports').replaceChildren(...reports.map((r) => {
    const li = el('li');
    li.dataset.reportId = r.reportId;
    li.dataset.state = r.state;
    const head = el('div', 'head');
    head.append(el('span', 'state', t(r.state)), el('span', 'number', r.caseNumber || ''));
    li.append(head, el('div', 'what', `${categoryName(r.body.category)} · ${r.body.description}`),
      el('small', 'detail', r.error || (r.caseStatus ? t('status')[r.caseStatus] || r.caseStatus : '')));
    if (r.state === 'sent' && r.caseStatus === 'CLOSED') li.append(ratingFor(r));
    return li;
  }));
  const waiting = reports.filter((r) => r.state === 'waiting').length;
  $('waiting-count').textContent = waiting ? String(waiting) : '';
  drawReportPins(reports);
}

async function uploadPhotos(report) {
  for (let i = report.photoIds.length; i < report.photos.length; i++) {
    const form = new FormData();
    const photo = report.photos[i];
    form.append('file', new Blob([photo.bytes], { type: photo.type }), `photo-${i}.jpg`);
    const response = await GridgovAuth.fetch(`${API}/photos`, { method: 'POST', body: form });
    if (!response.ok) {
      return response;
    }
    report.photoIds.push((await response.json()).id);
    await saveReport(report);
  }
  return null;
}

/** Statuses that mean "not now" rather than "never": try again later. */
const RETRY_LATER = new Set([408, 425, 429]);

/**
 * Sends what waits, oldest first. No signal stops the pass (everything stays queued); a report the
 * server cannot take right now is passed over until the next pass; one it refuses is marked with why.
 * One pass at a time: a pass asked for meanwhile runs after it, so no report is sent twice at once.
 */
async function sendWaiting() {
  if (sending) { sendAgain = true; return; }
  sending = true;
  try {
    const waiting = (await allReports()).filter((r) => r.state === 'waiting')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const report of waiting) {
      let response = await uploadPhotos(report);
      if (!response) {
        response = await GridgovAuth.fetch(`${API}/reports`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...report.body, photoIds: report.photoIds }),
        });
      }
      if (response.ok) {
        const c = await response.json();
        Object.assign(report, { state: 'sent', caseNumber: c.number, caseStatus: c.status, caseOpen: c.open, error: null });
      } else if (response.status >= 400 && response.status < 500 && !RETRY_LATER.has(response.status)) {
        const problem = await response.json().catch(() => ({ message: response.statusText }));
        Object.assign(report, { state: 'refused', error: problem.message });
      } else {
        continue; // the server cannot take it now: the next pass tries again, the others go meanwhile
      }
      await saveReport(report);
      await renderReports();
    }
  } catch (noSignal) {
    // offline, the connection dropped, or the sign-in lapsed: everything stays queued
    if (noSignal instanceof GridgovAuth.SignInNeeded) showSignedIn();
  } finally {
    sending = false;
  }
  if (sendAgain) {
    sendAgain = false;
    sendWaiting();
  }
}

/** Keeps the status of sent reports current, so the worker sees their cases move. */
async function refreshSent() {
  for (const report of (await allReports()).filter((r) => r.state === 'sent' && r.caseOpen !== false)) {
    try {
      const response = await GridgovAuth.fetch(`${API}/cases/by-report/${report.reportId}`);
      if (response.ok) {
        const c = await response.json();
        Object.assign(report, { caseNumber: c.number, caseStatus: c.status, caseOpen: c.open });
        await saveReport(report);
      }
    } catch (offline) { return; }
  }
  await renderReports();
}

// ---------------------------------------------------------------- the catalogue

async function loadCategories() {
  let items = JSON.parse(localStorage.getItem('categories') || '[]');
  try {
    const response = await GridgovAuth.fetch(`${API}/categories`);
    if (response.ok) {
      items = await response.json();
      localStorage.setItem('categories', JSON.stringify(items));
    }
  } catch (offline) { /* the list kept from last time serves */ }
  state.categories = items;
  const sections = items.filter((c) => !c.sectionCode);
  const reportable = items.filter((c) => c.sectionCode && c.active);
  const groups = sections.map((section) => {
    const group = document.createElement('optgroup');
    group.label = `${section.code} ${section.name}`;
    group.append(...reportable.filter((c) => c.sectionCode === section.code).map((c) => new Option(`${c.code} ${c.name}`, c.code)));
    return group;
  }).filter((group) => group.children.length > 0);
  const loose = reportable.filter((c) => !sections.some((s) => s.code === c.sectionCode)).map((c) => new Option(`${c.code} ${c.name}`, c.code));
  const chosen = $('category').value;
  $('category').replaceChildren(...groups, ...loose);
  if (chosen) $('category').value = chosen;
  showConditions();
}

const categoryOf = (code) => state.categories.find((c) => c.code === code);
const categoryName = (code) => (categoryOf(code) ? `${code} ${categoryOf(code).name}` : code);

/** The chosen item's register conditions (立案条件), so the worker reports only what the catalogue takes. */
function showConditions() {
  const c = categoryOf($('category').value);
  const lines = [];
  if (c && c.registerConditions) lines.push(t('conditions', c.registerConditions));
  if (c && c.photoRequired) lines.push(t('photoNeeded'));
  $('category-conditions').textContent = lines.join(' · ');
}

// ---------------------------------------------------------------- the map

let map;
let pin = null;
let hereMarker = null;
const layers = {};

function fixed(n) {
  return Number(n).toFixed(6);
}

async function loadConfig() {
  try {
    const response = await fetch('config.json');
    if (response.ok) {
      const config = await response.json();
      localStorage.setItem('gridgov.phone.config', JSON.stringify(config));
      return config;
    }
  } catch (offline) { /* kept from last time */ }
  return JSON.parse(localStorage.getItem('gridgov.phone.config') || '{"tileUrl":"","maxZoom":18}');
}

function startMap(config) {
  map = L.map('map', { zoomControl: true, attributionControl: Boolean(config.tileUrl) });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { maxZoom: config.maxZoom || 18, attribution: config.tileAttribution || '' }).addTo(map);
  }
  layers.grids = L.layerGroup().addTo(map);
  layers.reports = L.layerGroup().addTo(map);
  layers.tasks = L.layerGroup().addTo(map);
  const last = JSON.parse(localStorage.getItem('lastPosition') || 'null');
  if (last) map.setView([last.latitude, last.longitude], 16);
  else map.setView([0, 0], 2);
  map.on('click', (event) => placePin(event.latlng.lng, event.latlng.lat, 'pin'));
}

/** The grids where the worker works, drawn from grid-service's outlines: no tile server is needed. */
async function loadGrids() {
  let outlines = JSON.parse(localStorage.getItem('gridgov.phone.grids') || 'null');
  try {
    const response = await GridgovAuth.fetch(`${API}/my-grids`);
    if (response.ok) {
      outlines = await response.json();
      localStorage.setItem('gridgov.phone.grids', JSON.stringify(outlines));
    } else if (response.status === 403) {
      outlines = null;
    }
  } catch (offline) { /* kept from last time */ }
  layers.grids.clearLayers();
  const drawn = outlines && outlines.features.some((f) => f.geometry);
  $('map-status').textContent = drawn || !outlines ? '' : t('noGrids');
  if (!drawn) return;
  const shapes = L.geoJSON(outlines, {
    filter: (f) => Boolean(f.geometry),
    style: { color: '#0b5394', weight: 2, fillColor: '#0b5394', fillOpacity: 0.06 },
    onEachFeature: (f, layer) => {
      layer.bindTooltip(`${f.properties.code} ${f.properties.name || ''}`.trim(), { permanent: true, direction: 'center', className: 'grid-label' });
    },
  });
  shapes.addTo(layers.grids);
  map.getContainer().dataset.grids = outlines.features.map((f) => f.properties.code).join(',');
  if (!state.place) map.fitBounds(shapes.getBounds(), { padding: [12, 12] });
}

/** Where the report is: a pin on the map (dropped, dragged, typed or from GPS), and the coordinates beside it. */
function placePin(longitude, latitude, by, pan) {
  state.place = { longitude: Number(longitude), latitude: Number(latitude), by };
  if (!pin) {
    pin = L.marker([latitude, longitude], { draggable: true, keyboard: true, title: t('where') }).addTo(map);
    pin.on('dragend', () => placePin(pin.getLatLng().lng, pin.getLatLng().lat, 'pin'));
  } else {
    pin.setLatLng([latitude, longitude]);
  }
  if (pan) map.panTo([latitude, longitude]);
  map.getContainer().dataset.pin = `${fixed(longitude)},${fixed(latitude)}`;
  if (by !== 'typed') {
    $('longitude').value = fixed(longitude);
    $('latitude').value = fixed(latitude);
  }
  showPlace();
}

function showPlace() {
  const p = state.place;
  $('position').textContent = p ? t('position', fixed(p.longitude), fixed(p.latitude), t('positionBy')[p.by]) : t('noPosition');
}

function typedPlace() {
  const longitude = Number($('longitude').value);
  const latitude = Number($('latitude').value);
  if ($('longitude').value && $('latitude').value && Math.abs(longitude) <= 180 && Math.abs(latitude) <= 90) {
    placePin(longitude, latitude, 'typed', true);
  }
}

/** The device's position: asked once on the button, and watched, so the way to each task stays current. */
function locate() {
  if (!navigator.geolocation) {
    $('form-error').textContent = t('noGps', 'no GPS');
    return;
  }
  $('position').textContent = t('locating');
  navigator.geolocation.getCurrentPosition((position) => {
    seenAt(position);
    placePin(position.coords.longitude, position.coords.latitude, 'gps', true);
    map.setView([position.coords.latitude, position.coords.longitude], Math.max(map.getZoom(), 16));
  }, (failure) => {
    showPlace();
    $('form-error').textContent = t('noGps', failure.message || failure.code);
  }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
}

function seenAt(position) {
  state.here = { longitude: position.coords.longitude, latitude: position.coords.latitude };
  if (!hereMarker) {
    hereMarker = L.circleMarker([state.here.latitude, state.here.longitude],
      { radius: 7, color: '#ffffff', weight: 2, fillColor: '#1565c0', fillOpacity: 1, interactive: false }).addTo(map);
  } else {
    hereMarker.setLatLng([state.here.latitude, state.here.longitude]);
  }
  updateWays();
}

/** The way to each task from where the phone now is, written in place: the lists stay where the worker's focus is. */
function updateWays() {
  document.querySelectorAll('#tasks-panel li[data-case-id]').forEach((li) => {
    li.querySelector('.distance').textContent = wayText({ longitude: Number(li.dataset.lon), latitude: Number(li.dataset.lat) });
  });
}

function watchPosition() {
  navigator.geolocation?.watchPosition(seenAt, () => { /* no position: the tasks say so */ },
    { enableHighAccuracy: true, maximumAge: 30000 });
}

function drawReportPins(reports) {
  if (!layers.reports) return;
  layers.reports.clearLayers();
  reports.filter((r) => r.state !== 'refused').forEach((r) => {
    L.circleMarker([r.body.latitude, r.body.longitude], { radius: 6, color: '#5d4037', weight: 2, fillColor: '#ffb300', fillOpacity: 0.9 })
      .bindTooltip(`${r.caseNumber || t('waiting')} · ${categoryName(r.body.category)}`)
      .addTo(layers.reports);
  });
}

// ---------------------------------------------------------------- my tasks

/** Metres between two points on the WGS 84 sphere, and the compass direction from the first to the second. */
function way(from, to) {
  const rad = Math.PI / 180;
  const dLat = (to.latitude - from.latitude) * rad;
  const dLon = (to.longitude - from.longitude) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(from.latitude * rad) * Math.cos(to.latitude * rad) * Math.sin(dLon / 2) ** 2;
  const metres = 2 * 6371008.8 * Math.asin(Math.sqrt(a));
  const y = Math.sin(dLon) * Math.cos(to.latitude * rad);
  const x = Math.cos(from.latitude * rad) * Math.sin(to.latitude * rad)
    - Math.sin(from.latitude * rad) * Math.cos(to.latitude * rad) * Math.cos(dLon);
  const bearing = (Math.atan2(y, x) / rad + 360) % 360;
  return { metres, bearing, direction: TEXT[state.lang].dirs[Math.round(bearing / 45) % 8] };
}

function wayText(c) {
  if (!state.here) return t('unknownWay');
  const w = way(state.here, { longitude: c.longitude, latitude: c.latitude });
  return w.metres < 20 ? t('here') : t('away', t('metres', w.metres), w.direction);
}

async function refreshTasks() {
  try {
    const response = await GridgovAuth.fetch(`${API}/my-tasks`);
    if (response.status === 403) {
      state.tasks = null;
      state.tasksRefused = true;
    } else if (response.ok) {
      state.tasks = await response.json();
      state.tasksRefused = false;
      localStorage.setItem('gridgov.phone.tasks', JSON.stringify(state.tasks));
    } else {
      const problem = await response.json().catch(() => ({ message: response.statusText }));
      $('tasks-error').textContent = t('couldNotLoad', problem.message);
      return;
    }
    $('tasks-error').textContent = '';
  } catch (offline) {
    if (offline instanceof GridgovAuth.SignInNeeded) showSignedIn();
    state.tasks = state.tasks || JSON.parse(localStorage.getItem('gridgov.phone.tasks') || 'null');
  }
  renderTasks();
}

function taskItem(c, kind) {
  const li = el('li');
  li.dataset.caseId = c.id;
  li.dataset.number = c.number;
  li.dataset.task = kind;
  li.dataset.clock = c.clock;
  li.dataset.lon = String(c.longitude);
  li.dataset.lat = String(c.latitude);
  li.tabIndex = -1;
  const head = el('div', 'head');
  const clock = el('span', 'clock', t(c.clock));
  clock.dataset.clock = c.clock;
  head.append(el('span', 'number', c.number), clock, el('span', 'status', t('status')[c.status] || c.status));
  const place = [c.gridCode, c.address].filter(Boolean).join(' · ');
  const wayThere = el('div', 'way');
  wayThere.append(el('span', 'distance', wayText(c)));
  const show = el('a', 'show-on-map', t('showOnMap'));
  show.href = '#map';
  show.addEventListener('click', (event) => {
    event.preventDefault();
    map.setView([c.latitude, c.longitude], Math.max(map.getZoom(), 17));
    $('map').focus();
  });
  const navigate = el('a', 'navigate', t('navigate'));
  navigate.href = `geo:${c.latitude},${c.longitude}?q=${c.latitude},${c.longitude}(${encodeURIComponent(c.number)})`;
  wayThere.append(' ', show, ' ', navigate);
  li.append(head, el('div', 'what', `${categoryName(c.category)} · ${c.description || ''}`), el('div', 'meta', place), wayThere);
  const actions = el('div', 'actions');
  if (queuedFor(c.number) && kind !== 'open') {
    li.dataset.state = 'waiting';
    li.append(el('small', 'detail waiting', t('commandWaiting')));
  } else if (kind === 'verify') {
    actions.append(button(t('verify'), () => command(c, 'verify', {}, t('verified', c.number)), 'primary verify'));
  } else if (kind === 'check') {
    actions.append(button(t('pass'), () => command(c, 'check', { passed: true }, t('checkedPass', c.number)), 'primary check-pass'),
      button(t('fail'), () => command(c, 'check', { passed: false }, t('checkedFail', c.number)), 'check-fail'));
  }
  if (actions.children.length) li.append(actions);
  return li;
}

function fillList(id, countId, cases, kind, total) {
  const list = $(id);
  list.dataset.empty = t('empty');
  list.replaceChildren(...cases.map((c) => taskItem(c, kind)));
  $(countId).textContent = total !== undefined && total > cases.length ? t('more', cases.length, total) : String(cases.length);
}

function renderTasks() {
  const tasks = state.tasks;
  if (state.tasksRefused) {
    $('tasks-where').textContent = t('notGridStaff');
  } else {
    $('tasks-where').textContent = tasks ? t('myGrids', tasks.grids) : '';
  }
  fillList('verify-tasks', 'verify-count', tasks ? tasks.verify : [], 'verify');
  fillList('check-tasks', 'check-count', tasks ? tasks.check : [], 'check');
  fillList('grid-cases', 'open-count', tasks ? tasks.open : [], 'open', tasks ? tasks.openTotal : undefined);
  const waitingOnMe = tasks ? tasks.verify.length + tasks.check.length : 0;
  $('tasks-count').textContent = waitingOnMe ? String(waitingOnMe) : '';
  drawTaskPins();
}

const TASK_COLOURS = { verify: '#6a1b9a', check: '#00695c', open: '#546e7a' };

function drawTaskPins() {
  if (!layers.tasks) return;
  layers.tasks.clearLayers();
  if (!state.tasks) return;
  const seen = new Set();
  [['verify', state.tasks.verify], ['check', state.tasks.check], ['open', state.tasks.open]].forEach(([kind, cases]) => {
    cases.filter((c) => !seen.has(c.id)).forEach((c) => {
      seen.add(c.id);
      // A tap on a case opens its card rather than dropping the report's pin there.
      L.circleMarker([c.latitude, c.longitude], { radius: kind === 'open' ? 5 : 8, color: '#ffffff', weight: 2,
        fillColor: TASK_COLOURS[kind], fillOpacity: 1, bubblingMouseEvents: false })
        .bindTooltip(`${c.number} · ${categoryName(c.category)}`)
        .bindPopup(() => taskPopup(c))
        .addTo(layers.tasks);
    });
  });
}

function taskPopup(c) {
  const card = el('div', 'popup');
  card.append(el('strong', null, c.number), el('div', null, categoryName(c.category)),
    el('div', null, t('status')[c.status] || c.status), button(t('tasks'), () => showTask(c.id), 'show-task'));
  return card;
}

function showTask(caseId) {
  selectTab('tab-tasks');
  const item = document.querySelector(`#tasks-panel li[data-case-id="${caseId}"]`);
  if (item) {
    item.scrollIntoView({ block: 'nearest' });
    item.focus();
  }
}

/** The command waiting on the phone for this case, if one does. */
const queuedFor = (number) => state.queued.find((q) => q.caseRef === number);

/**
 * One tap records the result on site (the verify and check commands) or a reporter's rating: kept on
 * the phone first under a fresh command id, then sent with whatever else waits.
 */
async function command(c, name, body, done) {
  $('tasks-error').textContent = '';
  const queued = { commandId: uuid(), createdAt: new Date().toISOString(), caseRef: c.number, name, body, done };
  try {
    await saveCommand(queued);
  } catch (notKept) {
    $('tasks-error').textContent = t('notKept', notKept.message || notKept.name);
    return;
  }
  state.queued.push(queued);
  renderTasks();
  await renderReports();
  await sendCommands();
  if (state.queued.some((q) => q.commandId === queued.commandId)) notify(t('commandQueued', c.number));
}

let sendingCommands = false;
let sendCommandsAgain = false;

/**
 * Sends the commands that wait, oldest first, each under the id it was given when tapped, so one whose
 * answer was lost is applied once however often it goes. No signal stops the pass (everything stays);
 * one the server cannot take now waits for the next pass; one it refuses is dropped and says why.
 */
async function sendCommands() {
  if (sendingCommands) { sendCommandsAgain = true; return; }
  sendingCommands = true;
  const refusals = [];
  let answered = false;
  try {
    for (const queued of [...state.queued]) {
      const response = await GridgovAuth.fetch(`${API}/cases/${encodeURIComponent(queued.caseRef)}/${queued.name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ commandId: queued.commandId, ...queued.body }),
      });
      if (response.ok) {
        await followOnMyReport(await response.json());
        notify(queued.done);
      } else if (response.status >= 400 && response.status < 500 && !RETRY_LATER.has(response.status)) {
        const problem = await response.json().catch(() => ({ message: response.statusText }));
        refusals.push(`${queued.caseRef}: ${problem.message}`);
      } else {
        continue; // the server cannot take it now: the next pass tries again
      }
      await forgetCommand(queued.commandId);
      state.queued = state.queued.filter((q) => q.commandId !== queued.commandId);
      answered = true;
    }
  } catch (noSignal) {
    // offline, the connection dropped, or the sign-in lapsed: everything stays queued
    if (noSignal instanceof GridgovAuth.SignInNeeded) showSignedIn();
  } finally {
    sendingCommands = false;
  }
  if (answered) {
    await refreshTasks();
    await renderReports();
    if (refusals.length) $('tasks-error').textContent = refusals.join('; ');
  }
  if (sendCommandsAgain) {
    sendCommandsAgain = false;
    await sendCommands();
  }
}

/** A case of my own reports moved by what I did: its status in my reports follows at once. */
async function followOnMyReport(c) {
  const report = (await allReports()).find((r) => r.caseNumber === c.number);
  if (report) {
    Object.assign(report, { caseStatus: c.status, caseOpen: c.open });
    await saveReport(report);
  }
}

/** A reporter rates a closed case of theirs (考核评价): 1 very unhappy to 5 very satisfied. */
function ratingFor(report) {
  const group = el('div', 'rating');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', t('rate'));
  if (queuedFor(report.caseNumber)) {
    group.append(el('small', 'detail', t('commandWaiting')));
    return group;
  }
  group.append(el('span', 'muted', t('rate')), ...[1, 2, 3, 4, 5].map((n) => {
    const rate = button(String(n), () => command({ number: report.caseNumber }, 'evaluation', { satisfaction: n },
      t('rated', report.caseNumber, n)), 'rate');
    rate.dataset.satisfaction = String(n);
    rate.setAttribute('aria-label', t('stars', n));
    return rate;
  }));
  return group;
}

// ---------------------------------------------------------------- the report form

/** A photo shrunk on the phone (canvas, JPEG): a camera's 12 MP photo would take minutes on a weak signal. */
async function shrink(file) {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_QUALITY));
    return blob || file;
  } catch (undecodable) {
    return file; // the server judges what it is
  }
}

async function choosePhotos() {
  const files = Array.from($('photos').files);
  $('photo-previews').textContent = files.length ? t('shrinking') : '';
  state.photos = await Promise.all(files.map(shrink));
  $('photo-previews').replaceChildren(...state.photos.map((blob, i) => {
    const img = el('img');
    img.src = URL.createObjectURL(blob);
    img.alt = `${t('photos')} ${i + 1}`;
    img.dataset.bytes = String(blob.size);
    img.onload = () => { img.dataset.width = String(img.naturalWidth); img.dataset.height = String(img.naturalHeight); };
    return img;
  }));
  $('photo-previews').dataset.count = String(state.photos.length);
  if (state.photos.length) $('photo-previews').append(el('span', 'muted', t('photoCount', state.photos.length)));
}

async function submit(event) {
  event.preventDefault();
  $('form-error').textContent = '';
  const description = $('description').value.trim();
  if ($('longitude').value || $('latitude').value) typedPlace();
  const place = state.place;
  if (!description || !place) {
    $('form-error').textContent = t('needed');
    return;
  }
  if (!Number.isFinite(place.longitude) || !Number.isFinite(place.latitude)
      || Math.abs(place.longitude) > 180 || Math.abs(place.latitude) > 90) {
    $('form-error').textContent = t('badPlace');
    return;
  }
  localStorage.setItem('lastPosition', JSON.stringify({ longitude: place.longitude, latitude: place.latitude }));
  const reportId = uuid();
  try {
    // The photos' bytes, not Blobs: every browser's IndexedDB keeps an ArrayBuffer.
    const photos = await Promise.all(state.photos.map(async (blob) => ({ type: blob.type, bytes: await blob.arrayBuffer() })));
    await saveReport({
      reportId,
      createdAt: new Date().toISOString(),
      state: 'waiting',
      photos,
      photoIds: [],
      body: {
        reportId, source: 'GRID_WORKER', category: $('category').value, description,
        longitude: place.longitude, latitude: place.latitude, address: $('address').value.trim() || null,
      },
    });
  } catch (notKept) {
    $('form-error').textContent = t('notKept', notKept.message || notKept.name);
    return;
  }
  const category = $('category').value;
  $('report-form').reset();
  $('category').value = category;
  showConditions();
  state.photos = [];
  $('photo-previews').replaceChildren();
  notify(t('queued'));
  await renderReports();
  sendWaiting();
}

// ---------------------------------------------------------------- page

function selectTab(id) {
  document.querySelectorAll('[role="tab"]').forEach((tab) => {
    const selected = tab.id === id;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(tab.getAttribute('aria-controls')).hidden = !selected;
  });
  if (id === 'tab-tasks') refreshTasks();
}

/** Tabs as the ARIA pattern has them: arrow keys move between them, Home and End to the ends. */
function tabKeys(event) {
  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
  const at = tabs.indexOf(document.activeElement);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (at < 0 || to === undefined) return;
  event.preventDefault();
  const next = tabs[(to + tabs.length) % tabs.length];
  selectTab(next.id);
  next.focus();
}

function showSignal() {
  $('signal').dataset.online = String(navigator.onLine);
  $('signal').textContent = navigator.onLine ? t('online') : t('offline');
}

/** Who is signed in, or a button to sign in when nobody is (or the sign-in lapsed). */
function showSignedIn() {
  const user = GridgovAuth.user();
  $('me').textContent = user ? `${user.name} · ${user.staffId}` : t('notSignedIn');
  $('sign-in').hidden = Boolean(user);
  $('sign-out').hidden = !user;
}

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t('title')} · ${state.lang === 'zh' ? 'Grid worker' : '网格员'}`;
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((node) => node.setAttribute('aria-label', t(node.dataset.i18nLabel)));
  const other = state.lang === 'zh' ? { label: 'English', lang: 'en' } : { label: '中文', lang: 'zh-CN' };
  $('language').textContent = other.label;
  $('language').lang = other.lang;
  $('language').setAttribute('aria-label', other.label);
  showSignal();
  showSignedIn();
  showConditions();
  showPlace();
  renderTasks();
  if (db) renderReports();
}

async function start() {
  applyLanguage();
  await GridgovAuth.start({ clientId: 'gridgov-phone' }).catch(() => null);
  showSignedIn();
  $('sign-in').addEventListener('click', () => GridgovAuth.signIn());
  $('sign-out').addEventListener('click', () => GridgovAuth.signOut());
  $('language').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('gridgov.phone.lang', state.lang);
    applyLanguage();
  });
  document.querySelectorAll('[role="tab"]').forEach((tab) => tab.addEventListener('click', () => selectTab(tab.id)));
  document.querySelector('[role="tablist"]').addEventListener('keydown', tabKeys);
  startMap(await loadConfig());
  db = await openDb();
  showPlace();
  $('report-form').addEventListener('submit', submit);
  $('category').addEventListener('change', showConditions);
  $('locate').addEventListener('click', locate);
  $('pin-here').addEventListener('click', () => placePin(map.getCenter().lng, map.getCenter().lat, 'pin'));
  $('longitude').addEventListener('change', typedPlace);
  $('latitude').addEventListener('change', typedPlace);
  $('photos').addEventListener('change', choosePhotos);
  window.addEventListener('online', () => { showSignal(); sendWaiting(); sendCommands(); refreshTasks(); });
  window.addEventListener('offline', showSignal);
  await loadCategories();
  state.queued = (await allCommands()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  await renderReports();
  await loadGrids();
  watchPosition();
  await sendWaiting();
  await sendCommands();
  await refreshSent();
  await refreshTasks();
  setInterval(async () => { showSignal(); await sendWaiting(); await sendCommands(); await refreshSent(); }, RETRY_MS);
  setInterval(refreshTasks, TASKS_MS);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js').catch(() => { /* http on a LAN address: no offline shell */ });
  }
}

start();
