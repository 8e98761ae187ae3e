/**
 * Offline ETA evaluation: replays a day through engines that differ only in their ETA model and,
 * at every fix of a driver with an active order, records each model's ETA to that order's next
 * stop; once the stop is reached (picked up, delivered) the true remaining time is known. Also the
 * strongest straight-line baseline: the remaining straight-line distance over the one constant
 * speed that fits all samples best (least absolute error, fitted in hindsight on the same samples).
 */
import type { FleetEvent } from '../../lib/events';
import { haversineM } from '../../lib/geo';
import { Engine } from '../engine/engine';
import type { EtaModel } from '../engine/eta';

/** Horizon buckets of the true remaining time, in minutes: [from, to). */
export const HORIZONS: readonly { label: string; fromMin: number; toMin: number }[] = [
  { label: '0-5 min', fromMin: 0, toMin: 5 },
  { label: '5-15 min', fromMin: 5, toMin: 15 },
  { label: '15+ min', fromMin: 15, toMin: Infinity },
];

interface Pending {
  stop: 'pickup' | 'dropoff';
  at: number;
  straightM: number;
  /** predicted travel seconds, one per model */
  predicted: number[];
}

export interface ErrorStats {
  samples: number;
  maeS: number;
  medianS: number;
  p90S: number;
}

export interface EvalResult {
  models: string[];
  /** the fitted baseline's constant speed */
  baselineKph: number;
  /** per row: all samples, then each horizon */
  rows: { label: string; byModel: ErrorStats[]; baseline: ErrorStats }[];
  samples: number;
}

export class EtaEvaluator {
  readonly engines: Engine[];
  private readonly pending = new Map<string, Pending[]>();
  /** resolved samples: true seconds, straight metres, predicted seconds per model */
  readonly truth: number[] = [];
  readonly straight: number[] = [];
  readonly predicted: number[][];

  constructor(readonly models: EtaModel[]) {
    this.engines = models.map((m) => new Engine({}, m));
    this.predicted = models.map(() => []);
  }

  ingest(ev: FleetEvent): void {
    for (const e of this.engines) e.ingest(ev);
    const e0 = this.engines[0];
    if (ev.type === 'location') {
      const d = e0.drivers.get(ev.driverId);
      if (!d || d.lastTs !== ev.ts || !d.active.size) return;
      for (const id of d.active) {
        const etas = this.engines.map((e) => e.orderEta(e.orders.get(id)!));
        const first = etas[0];
        if (!first || etas.some((x) => !x)) continue;
        const o = e0.orders.get(id)!;
        const to = first.stop === 'pickup' ? o.pickup! : o.dropoff!;
        let list = this.pending.get(id);
        if (!list) this.pending.set(id, (list = []));
        list.push({ stop: first.stop, at: first.updatedTs, straightM: haversineM(ev.lat, ev.lng, to.lat, to.lng), predicted: etas.map((x) => (x!.ts - x!.updatedTs) / 1000) });
      }
    } else if (ev.type === 'order') {
      const list = this.pending.get(ev.orderId);
      if (!list) return;
      const o = e0.orders.get(ev.orderId);
      if (!o) return;
      const keep: Pending[] = [];
      for (const p of list) {
        const reached = p.stop === 'pickup' ? o.pickedUpTs : o.deliveredTs;
        if (reached !== null && reached >= p.at) {
          this.truth.push((reached - p.at) / 1000);
          this.straight.push(p.straightM);
          p.predicted.forEach((x, i) => this.predicted[i].push(x));
        } else if (o.status !== 'cancelled') keep.push(p);
      }
      if (keep.length) this.pending.set(ev.orderId, keep);
      else this.pending.delete(ev.orderId);
    }
  }

  result(): EvalResult {
    const sPerM = fitSecondsPerMetre(this.straight, this.truth);
    const baseline = this.straight.map((m) => m * sPerM);
    const rows = [{ label: 'all', fromMin: 0, toMin: Infinity }, ...HORIZONS].map((h) => {
      const idx: number[] = [];
      for (let i = 0; i < this.truth.length; i++) if (this.truth[i] >= h.fromMin * 60 && this.truth[i] < h.toMin * 60) idx.push(i);
      return {
        label: h.label,
        byModel: this.predicted.map((p) => errorStats(idx.map((i) => Math.abs(p[i] - this.truth[i])))),
        baseline: errorStats(idx.map((i) => Math.abs(baseline[i] - this.truth[i]))),
      };
    });
    return { models: this.models.map((m) => m.name), baselineKph: sPerM > 0 ? 3.6 / sPerM : 0, rows, samples: this.truth.length };
  }
}

/**
 * The u (seconds per metre) minimizing Σ |m_i·u − t_i|: a weighted median of t_i / m_i with
 * weights m_i (the L1 fit of a line through the origin), exact, no search needed.
 */
export function fitSecondsPerMetre(metres: number[], seconds: number[]): number {
  const pts: [number, number][] = [];
  let total = 0;
  for (let i = 0; i < metres.length; i++) {
    if (metres[i] > 0) {
      pts.push([seconds[i] / metres[i], metres[i]]);
      total += metres[i];
    }
  }
  if (!pts.length) return 0;
  pts.sort((a, b) => a[0] - b[0]);
  let acc = 0;
  for (const [u, w] of pts) {
    acc += w;
    if (acc >= total / 2) return u;
  }
  return pts[pts.length - 1][0];
}

export function errorStats(errors: number[]): ErrorStats {
  if (!errors.length) return { samples: 0, maeS: NaN, medianS: NaN, p90S: NaN };
  const s = [...errors].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { samples: s.length, maeS: s.reduce((a, b) => a + b, 0) / s.length, medianS: q(0.5), p90S: q(0.9) };
}

/** The result as a table for a person: MAE, median and p90 per model and horizon, and the ratio. */
export function formatEvalTable(r: EvalResult): string[] {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(0).padStart(5) : '    -');
  const cell = (s: ErrorStats) => `${f(s.maeS)} ${f(s.medianS)} ${f(s.p90S)}`.padEnd(17);
  const names = [...r.models.map((m, i) => `${i === 0 ? 'v2' : 'v1'} ${m}`), 'baseline'];
  const out = [
    `ETA absolute error in seconds (MAE, median, p90) over ${r.samples.toLocaleString('en-US')} samples: every fix of an active order, to its next stop`,
    `baseline: the straight-line distance at the one constant speed that fits best in hindsight (${r.baselineKph.toFixed(1)} km/h)`,
    '',
    `${'horizon'.padEnd(10)} ${'samples'.padStart(8)}  ${names.map((x) => x.padEnd(17)).join(' ')}  v2/baseline MAE`,
  ];
  for (const row of r.rows) {
    const ratio = row.byModel[0].maeS / row.baseline.maeS;
    out.push(`${row.label.padEnd(10)} ${String(row.baseline.samples).padStart(8)}  ${[...row.byModel, row.baseline].map(cell).join(' ')}  ${Number.isFinite(ratio) ? ratio.toFixed(3) : '-'}`);
  }
  return out;
}
