/** Pure helpers of the ETA accuracy panel: labels, units and the signed errors it shows. */
import type { EtaAccuracyBody } from './api-types';

/** What the panel calls each model. */
export function modelLabel(model: string): string {
  if (model === 'road') return 'Road network (v2)';
  if (model === 'straight-line') return 'Straight line (baseline)';
  return model;
}

export interface HorizonBar {
  label: string;
  samples: number;
  /** in `unit`; null without samples */
  mae: number | null;
  p90: number | null;
}

/**
 * The error-by-horizon chart's rows, in seconds while every value is under 3 minutes and in
 * minutes (one decimal) otherwise, so the axis reads "45 s" or "4.5 min" rather than "270".
 */
export function horizonBars(acc: EtaAccuracyBody): { unit: 's' | 'min'; rows: HorizonBar[] } {
  const values = acc.horizons.flatMap((h) => [h.maeSeconds, h.p90Seconds]).filter((x): x is number => x !== null);
  const unit = values.some((v) => v >= 180) ? 'min' : 's';
  const conv = (x: number | null) => (x === null ? null : unit === 'min' ? Math.round((x / 60) * 10) / 10 : Math.round(x));
  return { unit, rows: acc.horizons.map((h) => ({ label: h.label, samples: h.samples, mae: conv(h.maeSeconds), p90: conv(h.p90Seconds) })) };
}

/** Actual minus predicted, in seconds: above 0 the order came later than predicted. */
export function errorSeconds(predictedTs: number | null, actualTs: number | null): number | null {
  return predictedTs === null || actualTs === null ? null : Math.round((actualTs - predictedTs) / 1000);
}

const magnitude = (s: number): string => {
  const a = Math.abs(s);
  if (a < 90) return `${Math.round(a)} s`;
  if (a < 5400) return `${(a / 60).toFixed(1)} min`;
  return `${(a / 3600).toFixed(1)} h`;
};

/** "+2.5 min" (later than predicted), "−40 s" (earlier), "0 s". */
export function signedDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const r = Math.round(seconds);
  return r === 0 ? '0 s' : `${r > 0 ? '+' : '−'}${magnitude(r)}`;
}

/** How worrying an ETA error is: within 2 minutes fine, past 5 minutes bad. */
export function errorTone(seconds: number | null): 'ok' | 'warn' | 'bad' | 'none' {
  if (seconds === null) return 'none';
  const a = Math.abs(seconds);
  return a <= 120 ? 'ok' : a <= 300 ? 'warn' : 'bad';
}

/** "in 4 min", "in 30 s", "2 min ago", "now": an event time against the frame's clock. */
export function relativeTo(ts: number, now: number): string {
  const s = Math.round((ts - now) / 1000);
  if (Math.abs(s) < 5) return 'now';
  return s > 0 ? `in ${magnitude(s)}` : `${magnitude(s)} ago`;
}

/** Which way the ETAs have been wrong on average (the bias figure is shown beside it). */
export function biasText(biasSeconds: number | null): string {
  if (biasSeconds === null) return '—';
  if (Math.abs(biasSeconds) < 5) return 'on target on average';
  return biasSeconds > 0 ? 'arrivals later than predicted' : 'arrivals earlier than predicted';
}
