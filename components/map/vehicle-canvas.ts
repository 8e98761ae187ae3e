import L from 'leaflet';
import type { DriverStatus } from '../../lib/api-types';
import { STATUS_COLORS, STATUS_LABELS } from '../../lib/driver-status';
import { clusterGrid, clusterRadius, shouldCluster, type Cluster } from '../../lib/map-cluster';
import { worldX, worldY } from '../../lib/map-geometry';
import { ageLabel } from '../../lib/map-labels';
import { fixAge, GLIDE_MS, type VehicleStore } from '../../lib/vehicle-store';
import { ensurePane } from './panes';
import { AGE_COLORS, HEADING_STEP, R, VehicleSprites, type AgeCode } from './vehicle-sprites';

/** Status order on the canvas: index into STATUSES (offline drawn first, under the others). */
const STATUSES: readonly DriverStatus[] = ['offline', 'idle', 'to_pickup', 'to_dropoff'];
const STATUS_INDEX = new Map(STATUSES.map((s, i) => [s, i]));

const HIT_PX = 10;
/** A redraw dearer than this (ms, on average) makes the layer redraw every other frame. */
const FRAME_BUDGET_MS = 2;
const AGE_CODE = { fresh: 0, ageing: 1, stale: 2 } as const;
const CLUSTER_CELL_PX = 64;

/**
 * Every vehicle of the store drawn on one canvas, every animation frame, with no Leaflet layer
 * per vehicle: positions come from the store (gliding to the newest fix) and are projected with
 * plain arithmetic into typed arrays, then drawn in a handful of batched paths (one per status and
 * per halo kind), so 5,000 vehicles cost a few milliseconds a frame. Zoomed out or crowded, the
 * vehicles are drawn as clusters instead. Hover and click are hit-tested against the last frame.
 */
export class VehicleCanvas {
  selectedId: string | null = null;
  onSelect: (id: string | null) => void = () => {};
  /** a driver's name for the tooltip, when known */
  nameOf: (id: string) => string | undefined = () => undefined;
  private readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D;
  private readonly tooltip = document.createElement('div');
  private raf = 0;
  private n = 0;
  private ids: string[] = [];
  private xs = new Float32Array(1024);
  private ys = new Float32Array(1024);
  private status = new Uint8Array(1024);
  private stale = new Uint8Array(1024);
  private staleFlags = new Uint8Array(1024);
  /** heading step of each drawn vehicle (see VehicleSprites), -1 when standing or unknown */
  private headings = new Int8Array(1024);
  private readonly sprites = new VehicleSprites();
  private clusters: Cluster[] | null = null;
  private hover: { x: number; y: number } | null = null;
  private hoverId: string | null = null;
  private size = { w: 0, h: 0, dpr: 1 };
  private readonly container: HTMLElement;
  private at = L.point(NaN, NaN);
  /** mean cost of a redraw, ms (moving average) */
  private drawMs = 0;
  private draws = 0;
  private skipped = false;
  private viewKey = '';
  private publishedAt = 0;

  constructor(
    private readonly map: L.Map,
    private readonly store: VehicleStore,
    tooltipClass: string,
  ) {
    const pane = ensurePane(map, 'vehicles');
    pane.style.pointerEvents = 'none';
    // Hidden while Leaflet animates a zoom (the canvas is redrawn at the new zoom right after).
    this.canvas.className = 'leaflet-zoom-hide';
    pane.appendChild(this.canvas);
    this.ctx = this.canvas.getContext('2d')!;
    this.container = map.getContainer();
    this.tooltip.className = tooltipClass;
    this.tooltip.hidden = true;
    this.tooltip.setAttribute('role', 'tooltip');
    this.container.appendChild(this.tooltip);
    map.on('mousemove', this.onMove);
    map.on('mouseout', this.onOut);
    map.on('click', this.onClick);
    this.raf = requestAnimationFrame(this.draw);
  }

  destroy(): void {
    cancelAnimationFrame(this.raf);
    this.map.off('mousemove', this.onMove);
    this.map.off('mouseout', this.onOut);
    this.map.off('click', this.onClick);
    this.canvas.remove();
    this.tooltip.remove();
    this.sprites.clear();
    this.container.style.cursor = '';
  }

  private publish(key: string, value: string): void {
    if (this.container.dataset[key] !== value) this.container.dataset[key] = value;
  }

  private resize(): void {
    const s = this.map.getSize();
    const dpr = window.devicePixelRatio || 1;
    if (s.x === this.size.w && s.y === this.size.h && dpr === this.size.dpr) return;
    this.size = { w: s.x, h: s.y, dpr };
    this.canvas.width = Math.round(s.x * dpr);
    this.canvas.height = Math.round(s.y * dpr);
    this.canvas.style.width = `${s.x}px`;
    this.canvas.style.height = `${s.y}px`;
  }

  private grow(n: number): void {
    if (n <= this.xs.length) return;
    const cap = Math.max(n, this.xs.length * 2);
    this.xs = new Float32Array(cap);
    this.ys = new Float32Array(cap);
    this.status = new Uint8Array(cap);
    this.stale = new Uint8Array(cap);
    this.headings = new Int8Array(cap);
  }

  private readonly draw = () => {
    this.raf = requestAnimationFrame(this.draw);
    const started = performance.now();
    const { map, store, ctx } = this;
    this.resize();
    const { w, h, dpr } = this.size;
    const zoom = map.getZoom();
    const origin = map.getPixelOrigin();
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    const viewKey = `${zoom},${origin.x},${origin.y},${topLeft.x},${topLeft.y},${w},${h},${this.selectedId}`;
    // Adaptive: when a redraw costs more than the budget (thousands of vehicles on a slow,
    // software-rendered canvas), vehicles are redrawn every other frame (30 a second on a 60 Hz
    // screen) unless the view moved, so the page itself keeps its frame rate.
    if (viewKey === this.viewKey && this.drawMs > FRAME_BUDGET_MS && !this.skipped) {
      this.skipped = true;
      return;
    }
    this.skipped = false;
    this.viewKey = viewKey;
    if (topLeft.x !== this.at.x || topLeft.y !== this.at.y) {
      L.DomUtil.setPosition(this.canvas, topLeft);
      this.at = topLeft;
    }
    const offX = origin.x + topLeft.x;
    const offY = origin.y + topLeft.y;

    // Project every vehicle into the typed arrays.
    const now = performance.now();
    this.grow(store.vehicles.size);
    const ids = this.ids;
    ids.length = store.vehicles.size;
    let n = 0;
    let onScreen = 0;
    for (const v of store.vehicles.values()) {
      // positionAt's ease-out glide, inlined: no object per vehicle per frame.
      const t = Math.min(1, Math.max(0, (now - v.movedAt) / GLIDE_MS));
      const e = t * (2 - t);
      const x = worldX(v.fromLng + (v.lng - v.fromLng) * e, zoom) - offX;
      const y = worldY(v.fromLat + (v.lat - v.fromLat) * e, zoom) - offY;
      ids[n] = v.id;
      this.xs[n] = x;
      this.ys[n] = y;
      this.status[n] = STATUS_INDEX.get(v.status) ?? 0;
      this.stale[n] = AGE_CODE[fixAge(v, store.frameTs)];
      this.headings[n] = v.heading != null && (v.speedKph ?? 1) > 0.5 ? Math.round((((v.heading % 360) + 360) % 360) / HEADING_STEP) % (360 / HEADING_STEP) : -1;
      if (x > -20 && y > -20 && x < w + 20 && y < h + 20) onScreen++;
      n++;
    }
    this.n = n;

    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (shouldCluster(zoom, onScreen)) {
      if (this.staleFlags.length < n) this.staleFlags = new Uint8Array(this.xs.length);
      for (let i = 0; i < n; i++) this.staleFlags[i] = this.stale[i] === 2 ? 1 : 0;
      this.clusters = clusterGrid(this.xs, this.ys, this.status, this.staleFlags, n, w, h, CLUSTER_CELL_PX, STATUSES.length);
      this.drawClusters(this.clusters);
    } else {
      this.clusters = null;
      this.drawVehicles(n, w, h);
    }
    this.drawSelected(w, h);
    this.updateTooltip();
    // What is drawn, for tests and the benchmark, written only when it changes; once a second
    // the mean cost of a redraw (ms) and redraws per second.
    this.publish('vehicles', String(store.vehicles.size));
    this.publish('vehicleMode', this.clusters ? 'clusters' : 'vehicles');
    this.publish('clusters', String(this.clusters?.length ?? 0));
    this.drawMs += (performance.now() - started - this.drawMs) / 30;
    this.draws++;
    if (started - this.publishedAt > 1000) {
      this.publish('drawMs', this.drawMs.toFixed(2));
      this.publish('drawHz', String(Math.round((this.draws * 1000) / (started - this.publishedAt))));
      this.publishedAt = started;
      this.draws = 0;
    }
  };

  private drawVehicles(n: number, w: number, h: number): void {
    const { ctx, xs, ys } = this;
    const dpr = this.size.dpr;
    this.sprites.setPixelRatio(dpr);
    const half = this.sprites.side / 2;
    // Device pixels, whole ones: sprites are blitted, never resampled. Stale vehicles go last,
    // so their red rings are not hidden under others.
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    for (const pass of [0, 1]) {
      for (let i = 0; i < n; i++) {
        const x = xs[i];
        const y = ys[i];
        if ((this.stale[i] === 2 ? 1 : 0) !== pass || x < -20 || y < -20 || x > w + 20 || y > h + 20) continue;
        const s = this.status[i];
        const sprite = this.sprites.get(STATUSES[s], s, this.headings[i], this.stale[i] as AgeCode);
        ctx.drawImage(sprite, Math.round(x * dpr - half), Math.round(y * dpr - half));
      }
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  private drawClusters(clusters: Cluster[]): void {
    const { ctx } = this;
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const c of clusters) {
      if (c.count === 1) {
        // A lone vehicle stays a vehicle.
        const i = c.first;
        ctx.beginPath();
        ctx.arc(this.xs[i], this.ys[i], R, 0, 2 * Math.PI);
        ctx.fillStyle = STATUS_COLORS[STATUSES[this.status[i]]];
        ctx.fill();
        continue;
      }
      const r = clusterRadius(c.count);
      ctx.beginPath();
      ctx.arc(c.x, c.y, r, 0, 2 * Math.PI);
      ctx.fillStyle = 'rgba(33,38,45,0.82)';
      ctx.fill();
      // The ring shows the status mix, clockwise from the top.
      let a = -Math.PI / 2;
      ctx.lineWidth = 4;
      for (let s = 0; s < STATUSES.length; s++) {
        if (!c.byStatus[s]) continue;
        const da = (c.byStatus[s] / c.count) * 2 * Math.PI;
        ctx.beginPath();
        ctx.arc(c.x, c.y, r - 2, a, a + da);
        ctx.strokeStyle = STATUS_COLORS[STATUSES[s]];
        ctx.stroke();
        a += da;
      }
      ctx.fillStyle = '#fff';
      ctx.fillText(c.count > 999 ? `${(c.count / 1000).toFixed(1)}k` : String(c.count), c.x, c.y + 0.5);
      if (c.stale) {
        ctx.beginPath();
        ctx.arc(c.x + r * 0.72, c.y - r * 0.72, 4, 0, 2 * Math.PI);
        ctx.fillStyle = AGE_COLORS.stale;
        ctx.fill();
      }
    }
  }

  private indexOf(id: string): number {
    for (let i = 0; i < this.n; i++) if (this.ids[i] === id) return i;
    return -1;
  }

  /** The selected vehicle is always drawn on its own, ringed, even inside a cluster. */
  private drawSelected(w: number, h: number): void {
    if (!this.selectedId) return;
    const i = this.indexOf(this.selectedId);
    if (i < 0) return;
    const x = this.xs[i];
    const y = this.ys[i];
    if (x < -20 || y < -20 || x > w + 20 || y > h + 20) return;
    const { ctx } = this;
    ctx.beginPath();
    ctx.arc(x, y, R + 9, 0, 2 * Math.PI);
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#8250df';
    ctx.stroke();
    // The vehicle itself on top of the ring and of any cluster, heading arrow included.
    const dpr = this.size.dpr;
    this.sprites.setPixelRatio(dpr);
    const half = this.sprites.side / 2;
    const sprite = this.sprites.get(STATUSES[this.status[i]], this.status[i], this.headings[i], this.stale[i] as AgeCode);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(sprite, Math.round(x * dpr - half), Math.round(y * dpr - half));
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  /** The vehicle (or cluster) under a container point in the last frame drawn. */
  private hit(x: number, y: number): { id: string } | { cluster: Cluster } | null {
    if (this.clusters) {
      let best: Cluster | null = null;
      let bestD = Infinity;
      for (const c of this.clusters) {
        const d = Math.hypot(c.x - x, c.y - y);
        if (d <= (c.count === 1 ? HIT_PX : clusterRadius(c.count)) && d < bestD) {
          best = c;
          bestD = d;
        }
      }
      if (!best) return null;
      return best.count === 1 ? { id: this.ids[best.first] } : { cluster: best };
    }
    let best = -1;
    let bestD = HIT_PX * HIT_PX;
    for (let i = 0; i < this.n; i++) {
      const dx = this.xs[i] - x;
      const dy = this.ys[i] - y;
      const d = dx * dx + dy * dy;
      if (d <= bestD) {
        best = i;
        bestD = d;
      }
    }
    return best >= 0 ? { id: this.ids[best] } : null;
  }

  private readonly onMove = (e: L.LeafletMouseEvent) => {
    this.hover = { x: e.containerPoint.x, y: e.containerPoint.y };
    const h = this.hit(this.hover.x, this.hover.y);
    this.hoverId = h && 'id' in h ? h.id : null;
    this.container.style.cursor = h ? 'pointer' : '';
    this.updateTooltip();
  };

  private readonly onOut = () => {
    this.hover = null;
    this.hoverId = null;
    this.container.style.cursor = '';
    this.tooltip.hidden = true;
  };

  private readonly onClick = (e: L.LeafletMouseEvent) => {
    const h = this.hit(e.containerPoint.x, e.containerPoint.y);
    if (!h) return this.onSelect(null);
    if ('id' in h) return this.onSelect(h.id);
    // A cluster: zoom in on it, where its vehicles come apart.
    this.map.setView(this.map.containerPointToLatLng([h.cluster.x, h.cluster.y]), Math.min(this.map.getMaxZoom(), this.map.getZoom() + 2));
  };

  private updateTooltip(): void {
    const id = this.hoverId;
    const v = id ? this.store.vehicles.get(id) : undefined;
    if (!v || !this.hover) {
      this.tooltip.hidden = true;
      return;
    }
    const speed = v.speedKph != null ? ` · ${Math.round(v.speedKph)} km/h` : '';
    const age = this.store.frameTs ? ` · fix ${ageLabel(this.store.frameTs - v.ts)} ago` : '';
    const name = this.nameOf(id!);
    const text = `${name ? `${name} (${id})` : id} · ${STATUS_LABELS[v.status]}${speed}${age}`;
    if (this.tooltip.textContent !== text) this.tooltip.textContent = text;
    this.tooltip.style.transform = `translate(${Math.round(this.hover.x + 14)}px, ${Math.round(this.hover.y - 28)}px)`;
    this.tooltip.hidden = false;
  }
}
