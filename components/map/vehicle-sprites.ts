import type { DriverStatus } from '../../lib/api-types';
import { STATUS_COLORS } from '../../lib/driver-status';
import { headingArrow } from '../../lib/map-geometry';

/** Halo colours by age of the last fix; fresh is a soft glow of the vehicle's own colour. */
export const AGE_COLORS = { ageing: '#d4a72c', stale: '#cf222e' } as const;

/** Marker radius and how far the heading arrow's tip reaches beyond it, CSS px. */
export const R = 5;
export const ARROW = 7;
/** Headings are drawn in steps of this many degrees (24 directions). */
export const HEADING_STEP = 15;
/** A sprite's side, CSS px: room for the arrow tip and the widest halo. */
const SIDE = 2 * (R + ARROW + 2);

/** 0 fresh, 1 ageing, 2 stale */
export type AgeCode = 0 | 1 | 2;

/**
 * Every look a vehicle can have (status x heading step x fix age), each drawn once on a small
 * canvas at the screen's pixel ratio and then stamped with drawImage: a blit per vehicle is much
 * cheaper than filling and stroking its path every frame (software-rendered canvases above all).
 */
export class VehicleSprites {
  private readonly cache = new Map<number, ImageBitmap>();
  private dpr = 0;
  /** side of a sprite in device pixels */
  side = 0;

  /** Drops every sprite when the pixel ratio changes (a window moved to another screen). */
  setPixelRatio(dpr: number): void {
    if (dpr === this.dpr) return;
    this.dpr = dpr;
    this.side = Math.ceil(SIDE * dpr);
    this.clear();
  }

  clear(): void {
    for (const b of this.cache.values()) b.close();
    this.cache.clear();
  }

  /** `headingStep` is the heading divided by HEADING_STEP (0..23), or -1 when standing or unknown. */
  get(status: DriverStatus, statusIndex: number, headingStep: number, age: AgeCode): ImageBitmap {
    const key = (statusIndex * 32 + (headingStep + 1)) * 4 + age;
    let c = this.cache.get(key);
    if (!c) this.cache.set(key, (c = this.draw(status, headingStep, age)));
    return c;
  }

  private draw(status: DriverStatus, headingStep: number, age: AgeCode): ImageBitmap {
    // An ImageBitmap, not a canvas: Chromium blits it without snapshotting a canvas each time.
    const c = new OffscreenCanvas(this.side, this.side);
    const ctx = c.getContext('2d')!;
    ctx.scale(this.dpr, this.dpr);
    const m = SIDE / 2;
    const color = STATUS_COLORS[status];
    // The halo: a soft glow when the fix is fresh, an amber ring when ageing, red when stale.
    ctx.beginPath();
    if (age === 0) {
      ctx.arc(m, m, R + 4, 0, 2 * Math.PI);
      ctx.globalAlpha = 0.22;
      ctx.fillStyle = color;
      ctx.fill();
      ctx.globalAlpha = 1;
    } else {
      ctx.arc(m, m, age === 1 ? R + 3.5 : R + 4.5, 0, 2 * Math.PI);
      ctx.lineWidth = age === 1 ? 2 : 3;
      ctx.strokeStyle = age === 1 ? AGE_COLORS.ageing : AGE_COLORS.stale;
      ctx.stroke();
    }
    // The marker: a disc in the status colour, with an arrow tip where the vehicle heads.
    ctx.beginPath();
    if (headingStep >= 0) {
      const hd = headingStep * HEADING_STEP;
      const [tx, ty, ax, ay, bx, by] = headingArrow(m, m, hd, R, ARROW);
      ctx.moveTo(ax, ay);
      ctx.lineTo(tx, ty);
      ctx.lineTo(bx, by);
      ctx.arc(m, m, R, ((hd + 40 - 90) * Math.PI) / 180, ((hd - 40 - 90 + 360) * Math.PI) / 180);
      ctx.closePath();
    } else {
      ctx.arc(m, m, R, 0, 2 * Math.PI);
    }
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 1.25;
    ctx.strokeStyle = 'rgba(255,255,255,0.95)';
    ctx.stroke();
    return c.transferToImageBitmap();
  }
}
