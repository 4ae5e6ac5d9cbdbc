// The grid worker's phone page. A report is kept on the phone (IndexedDB) with the report id it
// was given when written, and sent, with its photos, whenever there is a signal: on submit, when
// the phone comes back online, and every few seconds. A report that went out but whose answer
// was lost is simply sent again under the same id; the server answers with the same case.
// The worker signs in through the identity provider (GridgovAuth); who reports is the signed-in
// person, never a field of the form. A report written while the sign-in has lapsed waits like one
// written with no signal, and goes once the worker has signed in again.
'use strict';

const API = '/api/v1';
const RETRY_MS = 10000;
const DB_NAME = 'gridgov-phone';
const STORE = 'reports';

const $ = (id) => document.getElementById(id);

/** A random UUID; crypto.randomUUID exists only on https or localhost, getRandomValues everywhere. */
function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
let db;
let sending = false;

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'reportId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function tx(mode, work) {
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const result = work(t.objectStore(STORE));
    t.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error || new Error('storage transaction aborted'));
  });
}

const allReports = () => tx('readonly', (s) => s.getAll());
const saveReport = (report) => tx('readwrite', (s) => s.put(report));

async function loadCategories() {
  let items = JSON.parse(localStorage.getItem('categories') || '[]');
  try {
    const response = await GridgovAuth.fetch(`${API}/categories`);
    if (response.ok) {
      items = (await response.json()).filter((c) => c.sectionCode && c.active);
      localStorage.setItem('categories', JSON.stringify(items));
    }
  } catch (offline) { /* the list kept from last time serves */ }
  $('category').replaceChildren(...items.map((c) => new Option(`${c.code} ${c.name}`, c.code)));
}

function showSignal() {
  $('signal').dataset.online = String(navigator.onLine);
  $('signal').textContent = navigator.onLine ? '在线' : '无信号';
}

async function render() {
  const reports = (await allReports()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  $('reports').replaceChildren(...reports.map((r) => {
    const li = document.createElement('li');
    li.dataset.reportId = r.reportId;
    li.dataset.state = r.state;
    const label = { waiting: '等待发送 waiting', sent: '已上报 sent', refused: '被退回 refused' }[r.state];
    li.innerHTML = '<span class="state"></span> <span class="number"></span><br><span class="what"></span><br><small class="detail"></small>';
    li.querySelector('.state').textContent = label;
    li.querySelector('.number').textContent = r.caseNumber || '';
    li.querySelector('.what').textContent = `${r.body.category} ${r.body.description}`;
    li.querySelector('.detail').textContent = r.error || r.caseStatus || '';
    return li;
  }));
}

async function uploadPhotos(report) {
  for (let i = report.photoIds.length; i < report.photos.length; i++) {
    const form = new FormData();
    form.append('file', report.photos[i], `photo-${i}.jpg`);
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
let sendAgain = false;

/**
 * Sends what waits, oldest first. No signal stops the pass (everything stays queued); a report the
 * server cannot take right now is passed over until the next pass; one it refuses is marked with why.
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
      await render();
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
  await render();
}

async function submit(event) {
  event.preventDefault();
  $('form-error').textContent = '';
  const longitude = Number($('longitude').value);
  const latitude = Number($('latitude').value);
  const description = $('description').value.trim();
  if (!description || !$('longitude').value || !$('latitude').value
      || !Number.isFinite(longitude) || !Number.isFinite(latitude)) {
    $('form-error').textContent = '请填写描述和位置 Description and location are needed';
    return;
  }
  localStorage.setItem('lastPosition', JSON.stringify({ longitude, latitude }));
  const report = {
    reportId: uuid(),
    createdAt: new Date().toISOString(),
    state: 'waiting',
    photos: Array.from($('photos').files),
    photoIds: [],
    body: {
      reportId: null, source: 'GRID_WORKER', category: $('category').value,
      description, longitude, latitude, address: $('address').value.trim() || null,
    },
  };
  report.body.reportId = report.reportId;
  await saveReport(report);
  $('report-form').reset();
  restoreDefaults();
  await render();
  sendWaiting();
}

function restoreDefaults() {
  const last = JSON.parse(localStorage.getItem('lastPosition') || 'null');
  if (last) {
    $('longitude').value = last.longitude;
    $('latitude').value = last.latitude;
  }
}

function locate() {
  navigator.geolocation?.getCurrentPosition((position) => {
    $('longitude').value = position.coords.longitude.toFixed(6);
    $('latitude').value = position.coords.latitude.toFixed(6);
  }, () => { $('form-error').textContent = '无法定位，请手动填写 Could not locate; enter it by hand'; });
}

/** Who is signed in, or a button to sign in when nobody is (or the sign-in lapsed). */
function showSignedIn() {
  const user = GridgovAuth.user();
  $('me').textContent = user ? `${user.name} · ${user.staffId}` : '未登录 Not signed in';
  $('sign-in').hidden = Boolean(user);
  $('sign-out').hidden = !user;
}

async function start() {
  await GridgovAuth.start({ clientId: 'gridgov-phone' }).catch(() => null);
  showSignedIn();
  $('sign-in').addEventListener('click', () => GridgovAuth.signIn());
  $('sign-out').addEventListener('click', () => GridgovAuth.signOut());
  db = await openDb();
  restoreDefaults();
  showSignal();
  $('report-form').addEventListener('submit', submit);
  $('locate').addEventListener('click', locate);
  window.addEventListener('online', () => { showSignal(); sendWaiting(); });
  window.addEventListener('offline', showSignal);
  await loadCategories();
  await render();
  await sendWaiting();
  await refreshSent();
  setInterval(async () => { showSignal(); await sendWaiting(); await refreshSent(); }, RETRY_MS);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js').catch(() => { /* http on a LAN address: no offline shell */ });
  }
}

start();
