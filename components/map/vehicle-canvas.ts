import L from 'leaflet';
import type { DriverStatus } from '../../lib/api-types';
import { STATUS_COLORS, STATUS_LABELS } from '../../lib/driver-status';
import { clusterGrid, clusterRadius, shouldCluster, type Cluster } from '../../lib/map-cluster';
import { headingArrow, worldX, worldY } from '../../lib/map-geometry';
import { ageLabel } from '../../lib/map-labels';
import { fixAge, positionAt, type VehicleStore } from '../../lib/vehicle-store';
import { ensurePane } from './panes';

/** Status order on the canvas: index into STATUSES (offline drawn first, under the others). */
const STATUSES: readonly DriverStatus[] = ['offline', 'idle', 'to_pickup', 'to_dropoff'];
const STATUS_INDEX = new Map(STATUSES.map((s, i) => [s, i]));

/** Halo colours by age of the last fix; fresh is a soft glow of the vehicle's own colour. */
export const AGE_COLORS = { ageing: '#d4a72c', stale: '#cf222e' } as const;

const R = 5; // marker radius, px
const ARROW = 7; // heading tip beyond the marker, px
const HIT_PX = 10;
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
  /** heading of each drawn vehicle, or null when standing or unknown (drawn as a plain disc) */
  private headings: (number | null)[] = [];
  private clusters: Cluster[] | null = null;
  private hover: { x: number; y: number } | null = null;
  private hoverId: string | null = null;
  private size = { w: 0, h: 0, dpr: 1 };
  private readonly container: HTMLElement;

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
    this.container.style.cursor = '';
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
  }

  private readonly draw = () => {
    this.raf = requestAnimationFrame(this.draw);
    const { map, store, ctx } = this;
    this.resize();
    const { w, h, dpr } = this.size;
    const zoom = map.getZoom();
    const origin = map.getPixelOrigin();
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(this.canvas, topLeft);
    const offX = origin.x + topLeft.x;
    const offY = origin.y + topLeft.y;

    // Project every vehicle into the typed arrays.
    const now = performance.now();
    this.grow(store.vehicles.size);
    const ids = this.ids;
    ids.length = store.vehicles.size;
    let n = 0;
    let onScreen = 0;
    const headings = this.headings;
    for (const v of store.vehicles.values()) {
      const p = positionAt(v, now);
      const x = worldX(p.lng, zoom) - offX;
      const y = worldY(p.lat, zoom) - offY;
      ids[n] = v.id;
      this.xs[n] = x;
      this.ys[n] = y;
      this.status[n] = STATUS_INDEX.get(v.status) ?? 0;
      this.stale[n] = AGE_CODE[fixAge(v, store.frameTs)];
      headings[n] = v.heading != null && (v.speedKph ?? 1) > 0.5 ? v.heading : null;
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
      this.drawVehicles(n, headings, w, h);
    }
    this.drawSelected(w, h);
    const c = this.container.dataset;
    c.vehicles = String(store.vehicles.size);
    c.vehicleMode = this.clusters ? 'clusters' : 'vehicles';
    c.clusters = String(this.clusters?.length ?? 0);
    this.updateTooltip();
  };

  private drawVehicles(n: number, headings: (number | null)[], w: number, h: number): void {
    const { ctx, xs, ys } = this;
    const visible = (i: number) => xs[i] > -20 && ys[i] > -20 && xs[i] < w + 20 && ys[i] < h + 20;
    // Halos under the markers: a soft glow when fresh, an amber ring when ageing, red when stale.
    for (let s = 0; s < STATUSES.length; s++) {
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        if (this.status[i] !== s || this.stale[i] !== 0 || !visible(i)) continue;
        ctx.moveTo(xs[i] + R + 4, ys[i]);
        ctx.arc(xs[i], ys[i], R + 4, 0, 2 * Math.PI);
      }
      ctx.globalAlpha = 0.22;
      ctx.fillStyle = STATUS_COLORS[STATUSES[s]];
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    for (const [age, color, width, radius] of [
      [1, AGE_COLORS.ageing, 2, R + 3.5],
      [2, AGE_COLORS.stale, 3, R + 4.5],
    ] as const) {
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        if (this.stale[i] !== age || !visible(i)) continue;
        ctx.moveTo(xs[i] + radius, ys[i]);
        ctx.arc(xs[i], ys[i], radius, 0, 2 * Math.PI);
      }
      ctx.lineWidth = width;
      ctx.strokeStyle = color;
      ctx.stroke();
    }
    // Markers: a disc in the status colour with an arrow tip pointing where the vehicle heads.
    ctx.lineWidth = 1.25;
    ctx.strokeStyle = 'rgba(255,255,255,0.95)';
    for (let s = 0; s < STATUSES.length; s++) {
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        if (this.status[i] !== s || !visible(i)) continue;
        const x = xs[i];
        const y = ys[i];
        const hd = headings[i];
        if (hd != null) {
          const [tx, ty, ax, ay, bx, by] = headingArrow(x, y, hd, R, ARROW);
          ctx.moveTo(ax, ay);
          ctx.lineTo(tx, ty);
          ctx.lineTo(bx, by);
          ctx.arc(x, y, R, (hd + 40 - 90) * (Math.PI / 180), (hd - 40 - 90 + 360) * (Math.PI / 180));
          ctx.closePath();
        } else {
          ctx.moveTo(x + R, y);
          ctx.arc(x, y, R, 0, 2 * Math.PI);
        }
      }
      ctx.fillStyle = STATUS_COLORS[STATUSES[s]];
      ctx.fill();
      ctx.stroke();
    }
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
    ctx.arc(x, y, R + 7, 0, 2 * Math.PI);
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#8250df';
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(x, y, R + 1, 0, 2 * Math.PI);
    ctx.fillStyle = STATUS_COLORS[STATUSES[this.status[i]]];
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#fff';
    ctx.stroke();
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
    const text = `${id} · ${STATUS_LABELS[v.status]}${speed}${age}`;
    if (this.tooltip.textContent !== text) this.tooltip.textContent = text;
    this.tooltip.style.transform = `translate(${Math.round(this.hover.x + 14)}px, ${Math.round(this.hover.y - 28)}px)`;
    this.tooltip.hidden = false;
  }
}
