/**
 * A driver's status over the last hours, as bands, rebuilt from what the drill-down has: its
 * recent orders' timestamps (to pickup from assignment to pickup, to drop-off from pickup to
 * delivery or cancellation), its trail (a silence of more than `gapMs` while not on an order reads
 * as offline), and its status now (offline since its last fix). Everything else is idle. With
 * several orders at once, to drop-off wins over to pickup, as in the engine's own status.
 */
import type { DriverStatus, OrderView, TrailPoint } from './api-types';

export interface StatusBand {
  from: number;
  to: number;
  status: DriverStatus;
}

export interface TimelineInput {
  orders: readonly Pick<OrderView, 'assignedTs' | 'pickedUpTs' | 'deliveredTs' | 'cancelledTs'>[];
  trail: readonly TrailPoint[];
  /** the driver's status now, and the event time of its newest fix */
  status: DriverStatus;
  lastFixTs: number | null;
  /** the fleet's clock (event time): the timeline's right end */
  nowTs: number;
}

export interface TimelineOptions {
  /** how far back the timeline may reach (default 3 hours) */
  spanMs?: number;
  /** a silence in the trail longer than this, off any order, is offline (default 5 minutes) */
  gapMs?: number;
}

type Interval = [number, number];

export function statusTimeline(input: TimelineInput, opts: TimelineOptions = {}): StatusBand[] {
  const spanMs = opts.spanMs ?? 3 * 3_600_000;
  const gapMs = opts.gapMs ?? 5 * 60_000;
  const { orders, trail, status, lastFixTs, nowTs } = input;
  const toPickup: Interval[] = [];
  const toDropoff: Interval[] = [];
  let earliest = trail.length ? trail[0][0] : Infinity;
  for (const o of orders) {
    if (o.assignedTs === null) continue;
    const end = o.deliveredTs ?? o.cancelledTs ?? nowTs;
    toPickup.push([o.assignedTs, o.pickedUpTs ?? end]);
    if (o.pickedUpTs !== null) toDropoff.push([o.pickedUpTs, end]);
    earliest = Math.min(earliest, o.assignedTs);
  }
  const offline: Interval[] = [];
  for (let i = 1; i < trail.length; i++) if (trail[i][0] - trail[i - 1][0] > gapMs) offline.push([trail[i - 1][0], trail[i][0]]);
  if (status === 'offline') offline.push([lastFixTs ?? -Infinity, nowTs]);
  if (!Number.isFinite(earliest)) earliest = lastFixTs ?? nowTs;
  const from = Math.max(nowTs - spanMs, Math.min(earliest, nowTs));
  if (from >= nowTs) return [];

  const cuts = new Set<number>([from, nowTs]);
  for (const [a, b] of [...toPickup, ...toDropoff, ...offline]) {
    if (a > from && a < nowTs) cuts.add(a);
    if (b > from && b < nowTs) cuts.add(b);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const covers = (list: Interval[], t: number) => list.some(([a, b]) => a <= t && t < b);
  const bands: StatusBand[] = [];
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    const mid = a + (b - a) / 2;
    const s: DriverStatus = covers(toDropoff, mid) ? 'to_dropoff' : covers(toPickup, mid) ? 'to_pickup' : covers(offline, mid) ? 'offline' : 'idle';
    const last = bands[bands.length - 1];
    if (last && last.status === s) last.to = b;
    else bands.push({ from: a, to: b, status: s });
  }
  return bands;
}

/** Minutes spent in each status over the bands. */
export function timelineMinutes(bands: readonly StatusBand[]): Record<DriverStatus, number> {
  const out: Record<DriverStatus, number> = { idle: 0, to_pickup: 0, to_dropoff: 0, offline: 0 };
  for (const b of bands) out[b.status] += (b.to - b.from) / 60_000;
  return out;
}
