// Keeps the page itself on the phone, so it opens in a basement with no signal. The API is never
// cached here: reports and on-site results wait in the page's own queue, and the page keeps its last
// tasks, grids and catalogue itself.
const SHELL = 'gridgov-phone-v4';
const LEAFLET = '/webjars/leaflet/1.9.4/dist';
const FILES = ['./', 'index.html', 'phone.js', 'phone.css', 'manifest.json', 'icon.svg', 'icon-192.png', 'icon-512.png',
  '/auth/gridgov-auth.js', `${LEAFLET}/leaflet.js`, `${LEAFLET}/leaflet.css`, `${LEAFLET}/images/marker-icon.png`,
  `${LEAFLET}/images/marker-icon-2x.png`, `${LEAFLET}/images/marker-shadow.png`];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k)))));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.pathname.includes('/api/') || url.origin !== self.location.origin) {
    return;
  }
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(SHELL).then((cache) => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request)));
});
