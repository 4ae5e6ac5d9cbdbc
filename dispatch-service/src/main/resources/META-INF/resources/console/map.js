// The map of the console and the wall view, on Leaflet (served by this service as a WebJar):
// comprehensive grids coloured by their open cases and outlined red when any is overdue, with
// their names; the town and community outlines; the dedicated grids and the enforcement zones as
// layers to switch on; the open cases as markers, gathered into clusters by screen distance; and a
// heat layer drawn on a canvas. Tiles come only from the configured server: with none, or none
// reachable, the grids and cases still draw on a plain background.
'use strict';

/** Cases closer than this on screen are shown as one cluster (no marker-cluster WebJar is served here). */
const CLUSTER_CELL_PX = 44;
const HEAT_RADIUS_PX = 22;
const SELECTED_ZOOM = 16;
const MAX_ZOOM = 18;
/** Open cases in a grid at which its fill turns from one colour to the next. */
const LOAD_STEPS = [[0, '#f1f8e9'], [1, '#c5e1a5'], [3, '#fff59d'], [6, '#ffcc80'], [11, '#ef9a9a']];
const CLOCK_COLOURS = { GREEN: '#2e7d32', YELLOW: '#b26a00', RED: '#c62828', NONE: '#546e7a' };
const CLOCK_RANK = { NONE: 0, GREEN: 1, YELLOW: 2, RED: 3 };

function ringsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

const fillFor = (open) => LOAD_STEPS.filter(([from]) => open >= from).pop()[1];

/**
 * Sets attributes on a layer's element once it exists (Leaflet creates it when the layer is first
 * added); classes are added to Leaflet's own, which make the element answer the pointer.
 */
function tagWhenAdded(layer, attributes) {
  layer.on('add', () => {
    const element = layer.getElement();
    Object.entries(attributes).forEach(([name, value]) => {
      if (name === 'class') element.classList.add(...value.split(' '));
      else element.setAttribute(name, value);
    });
  });
}

/**
 * A heat layer: every case a soft spot of alpha on a canvas over the map, the summed alpha then
 * coloured from blue (few) to red (many), redrawn whenever the map moves (the simpleheat method).
 */
const HeatLayer = L.Layer.extend({
  initialize(points) {
    this.points = points;
  },
  setPoints(points) {
    this.points = points;
    if (this._map) this.draw();
  },
  onAdd(map) {
    this.canvas = L.DomUtil.create('canvas', 'heat-layer leaflet-zoom-hide');
    this.canvas.id = 'heat-canvas';
    this.canvas.setAttribute('aria-hidden', 'true');
    map.getPanes().overlayPane.appendChild(this.canvas);
    map.on('moveend zoomend resize', this.draw, this);
    this.draw();
  },
  onRemove(map) {
    map.off('moveend zoomend resize', this.draw, this);
    this.canvas.remove();
  },
  draw() {
    const map = this._map;
    const size = map.getSize();
    this.canvas.width = size.x;
    this.canvas.height = size.y;
    L.DomUtil.setPosition(this.canvas, map.containerPointToLayerPoint([0, 0]));
    const context = this.canvas.getContext('2d', { willReadFrequently: true });
    context.clearRect(0, 0, size.x, size.y);
    let drawn = 0;
    for (const [lat, lon] of this.points) {
      const p = map.latLngToContainerPoint([lat, lon]);
      if (p.x < -HEAT_RADIUS_PX || p.y < -HEAT_RADIUS_PX || p.x > size.x + HEAT_RADIUS_PX || p.y > size.y + HEAT_RADIUS_PX) continue;
      const spot = context.createRadialGradient(p.x, p.y, 0, p.x, p.y, HEAT_RADIUS_PX);
      spot.addColorStop(0, 'rgba(0,0,0,0.35)');
      spot.addColorStop(1, 'rgba(0,0,0,0)');
      context.fillStyle = spot;
      context.fillRect(p.x - HEAT_RADIUS_PX, p.y - HEAT_RADIUS_PX, 2 * HEAT_RADIUS_PX, 2 * HEAT_RADIUS_PX);
      drawn += 1;
    }
    this.canvas.dataset.points = drawn;
    if (drawn === 0 || size.x === 0 || size.y === 0) return;
    const image = context.getImageData(0, 0, size.x, size.y);
    const palette = HeatLayer.palette();
    for (let i = 3; i < image.data.length; i += 4) {
      const alpha = image.data[i];
      if (alpha === 0) continue;
      const at = alpha * 4;
      image.data[i - 3] = palette[at];
      image.data[i - 2] = palette[at + 1];
      image.data[i - 1] = palette[at + 2];
      image.data[i] = Math.min(255, 60 + alpha * 2);
    }
    context.putImageData(image, 0, 0);
  },
});

/** 256 colours from blue to red, looked up by summed alpha; made once. */
HeatLayer.palette = () => {
  if (!HeatLayer.colours) {
    const strip = document.createElement('canvas');
    strip.width = 256;
    strip.height = 1;
    const context = strip.getContext('2d');
    const gradient = context.createLinearGradient(0, 0, 256, 0);
    [[0.2, 'blue'], [0.4, 'cyan'], [0.6, 'lime'], [0.8, 'yellow'], [1, 'red']]
      .forEach(([stop, colour]) => gradient.addColorStop(stop, colour));
    context.fillStyle = gradient;
    context.fillRect(0, 0, 256, 1);
    HeatLayer.colours = context.getImageData(0, 0, 256, 1).data;
  }
  return HeatLayer.colours;
};

/**
 * The map in the element given. onSelect(caseId) is called when a case's marker is chosen;
 * words(key, ...args) gives the page's words in its current language.
 */
function createCaseMap(element, { onSelect, words, tileUrl, tileAttribution }) {
  const map = L.map(element, { maxZoom: MAX_ZOOM, zoomSnap: 0.5, keyboard: true }).setView([35.0, 119.16], 12);
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: MAX_ZOOM, attribution: tileAttribution || '' }).addTo(map);
  }
  element.dataset.tiles = tileUrl ? 'configured' : 'none';
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  const layers = {
    grids: L.featureGroup().addTo(map),
    dedicated: L.featureGroup(),
    zones: L.featureGroup(),
    heat: new HeatLayer([]),
    cases: L.featureGroup().addTo(map),
  };
  const state = { grids: new Map(), features: null, zones: [], cases: [], selected: null };

  function countsByGrid() {
    const counts = new Map();
    for (const c of state.cases) {
      if (!c.gridCode) continue;
      const count = counts.get(c.gridCode) || { open: 0, overdue: 0 };
      count.open += 1;
      if (c.clock === 'RED') count.overdue += 1;
      counts.set(c.gridCode, count);
    }
    return counts;
  }

  /** Each comprehensive grid coloured by its open cases, outlined red when one of them is overdue. */
  function colourGrids() {
    const counts = countsByGrid();
    state.grids.forEach((layer, code) => {
      const { open, overdue } = counts.get(code) || { open: 0, overdue: 0 };
      layer.setStyle({ fillColor: fillFor(open), color: overdue > 0 ? '#b71c1c' : '#607d8b', weight: overdue > 0 ? 3 : 1 });
      const element = layer.getElement();
      if (element) {
        element.dataset.open = open;
        element.dataset.overdue = overdue;
      }
      layer.setTooltipContent(`${layer.feature.properties.name}<br><small>${words('gridOpen', open, overdue)}</small>`);
    });
  }

  function setGrids(collection) {
    layers.grids.clearLayers();
    layers.dedicated.clearLayers();
    state.grids.clear();
    state.features = collection.features.filter((f) => ringsOf(f.geometry).length > 0);
    const byRank = (f) => ({ GRID: 0, COMMUNITY: 1, STREET: 2, DISTRICT: 3 }[f.properties.level] ?? 0);
    [...state.features].sort((a, b) => byRank(a) - byRank(b)).forEach((feature) => {
      const { code, name, level, kind } = feature.properties;
      const layer = L.geoJSON(feature).getLayers()[0];
      tagWhenAdded(layer, { 'data-code': code, class: `area level-${level.toLowerCase()} kind-${kind.toLowerCase()}` });
      if (kind === 'DEDICATED') {
        layer.setStyle({ color: '#6a1b9a', weight: 2, dashArray: '6 4', fillColor: '#ce93d8', fillOpacity: 0.15 });
        layer.bindTooltip(`${name} (${code})`, { sticky: true });
        layers.dedicated.addLayer(layer);
      } else if (level === 'GRID') {
        layer.setStyle({ color: '#607d8b', weight: 1, fillOpacity: 0.55 });
        layer.bindTooltip(name, { permanent: true, direction: 'center', className: 'grid-label' });
        layer.feature = feature;
        state.grids.set(code, layer);
        layers.grids.addLayer(layer);
      } else {
        layer.setStyle({ color: '#263238', weight: level === 'STREET' ? 2.5 : 1.5, fill: false, interactive: false });
        layers.grids.addLayer(layer);
      }
    });
    colourGrids();
    drawZones();
    map.fitBounds(layers.grids.getBounds(), { padding: [8, 8] });
    labelsFit();
  }

  /** An enforcement zone is drawn as the outlines of its areas. */
  function drawZones() {
    layers.zones.clearLayers();
    if (!state.features) return;
    const byCode = new Map(state.features.map((f) => [f.properties.code, f]));
    for (const zone of state.zones) {
      zone.areaCodes.map((code) => byCode.get(code)).filter(Boolean).forEach((feature) => {
        const layer = L.geoJSON(feature).getLayers()[0];
        layer.setStyle({ color: '#e65100', weight: 3, dashArray: '2 6', fillOpacity: 0.05, fillColor: '#ffb74d' });
        layer.bindTooltip(`${zone.code} · ${zone.departmentCodes.join(', ')}`, { sticky: true });
        tagWhenAdded(layer, { 'data-zone': zone.code, 'data-code': feature.properties.code, class: 'zone' });
        layers.zones.addLayer(layer);
      });
    }
  }

  function setZones(zones) {
    state.zones = zones;
    drawZones();
  }

  function caseMarker(c) {
    const selected = c.caseId === state.selected;
    const marker = L.circleMarker([c.latitude, c.longitude], {
      radius: selected ? 10 : 7, weight: selected ? 3 : 1.5, color: selected ? '#0d47a1' : '#ffffff',
      fillColor: CLOCK_COLOURS[c.clock || 'NONE'], fillOpacity: 0.95,
    });
    marker.bindTooltip(`${c.number} · ${words(c.clock || 'NONE')}`);
    marker.on('click', () => onSelect(c.caseId));
    tagWhenAdded(marker, {
      class: selected ? 'case-marker selected' : 'case-marker', 'data-case-id': c.caseId, 'data-clock': c.clock || 'NONE',
      tabindex: '0', role: 'button', 'aria-label': `${c.number} ${words(c.clock || 'NONE')}`,
    });
    marker.on('add', () => marker.getElement().addEventListener('keydown', (key) => {
      if (key.key === 'Enter') onSelect(c.caseId);
    }));
    return marker;
  }

  function clusterMarker(group) {
    const worst = group.reduce((w, c) => (CLOCK_RANK[c.clock || 'NONE'] > CLOCK_RANK[w] ? c.clock : w), 'NONE');
    const bounds = L.latLngBounds(group.map((c) => [c.latitude, c.longitude]));
    const icon = L.divIcon({
      className: 'case-cluster', iconSize: [36, 36],
      html: `<span data-clock="${worst}">${group.length}</span>`,
    });
    const marker = L.marker(bounds.getCenter(), { icon, keyboard: true, title: words('cluster', group.length), alt: words('cluster', group.length) });
    marker.on('click', () => {
      if (map.getZoom() >= MAX_ZOOM || bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.setView(bounds.getCenter(), MAX_ZOOM);
      } else {
        map.fitBounds(bounds.pad(0.3), { maxZoom: MAX_ZOOM });
      }
    });
    marker.on('add', () => {
      const node = marker.getElement();
      node.dataset.count = group.length;
      node.dataset.clock = worst;
      node.dataset.caseIds = group.map((c) => c.caseId).join(' ');
    });
    return marker;
  }

  /**
   * Markers by screen cell at the current zoom: a cell with one case shows it, a cell with more shows
   * their count. At the deepest zoom every case stands alone. The selected case is never gathered.
   */
  function drawCases() {
    layers.cases.clearLayers();
    const located = state.cases.filter((c) => c.longitude != null && c.latitude != null);
    const zoom = map.getZoom();
    const cells = new Map();
    let selected = null;
    for (const c of located) {
      if (c.caseId === state.selected) {
        selected = c;
        continue;
      }
      const p = map.project([c.latitude, c.longitude], zoom);
      const key = zoom >= MAX_ZOOM ? c.caseId : `${Math.floor(p.x / CLUSTER_CELL_PX)}:${Math.floor(p.y / CLUSTER_CELL_PX)}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(c);
    }
    cells.forEach((group) => layers.cases.addLayer(group.length === 1 ? caseMarker(group[0]) : clusterMarker(group)));
    if (selected) layers.cases.addLayer(caseMarker(selected));
    layers.heat.setPoints(located.map((c) => [c.latitude, c.longitude]));
  }

  function setCases(list) {
    const first = state.cases.length === 0 && !state.features;
    state.cases = list;
    colourGrids();
    drawCases();
    const located = list.filter((c) => c.longitude != null && c.latitude != null);
    if (first && located.length > 0) {
      map.fitBounds(L.latLngBounds(located.map((c) => [c.latitude, c.longitude])).pad(0.2), { maxZoom: 15 });
    }
  }

  /** Highlights a case and brings it into view. */
  function select(caseId) {
    state.selected = caseId;
    const c = state.cases.find((each) => each.caseId === caseId);
    if (c && c.longitude != null) map.setView([c.latitude, c.longitude], Math.max(map.getZoom(), SELECTED_ZOOM));
    drawCases();
  }

  function show(name, on) {
    if (on) layers[name].addTo(map);
    else layers[name].remove();
  }

  /** Grid names only where a grid is wide enough on screen to hold one; the tooltip says it otherwise. */
  function labelsFit() {
    const some = state.grids.values().next().value;
    if (!some) return;
    const bounds = some.getBounds();
    const width = map.latLngToContainerPoint(bounds.getNorthEast()).x - map.latLngToContainerPoint(bounds.getSouthWest()).x;
    element.classList.toggle('labels-hidden', width < 64);
  }

  map.on('zoomend', () => {
    drawCases();
    labelsFit();
  });
  map.on('resize', labelsFit);
  return {
    setGrids, setZones, setCases, select, show, redraw: () => { colourGrids(); drawCases(); },
    resize: () => map.invalidateSize(), leaflet: map,
  };
}
