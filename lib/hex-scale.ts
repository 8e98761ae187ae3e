/**
 * Colour scales of the supply/demand layer: what a zone's hexagon is filled with for the metric
 * the viewer picked, and the legend that explains it. Sequential ramps (light to dark) from
 * ColorBrewer, readable on light and dark maps; the domain follows the zones shown.
 */
import type { Zone } from './api-types';

export type HexMetric = 'supply' | 'demand' | 'surge';
export const HEX_METRICS: readonly HexMetric[] = ['supply', 'demand', 'surge'];

export const HEX_METRIC_LABELS: Record<HexMetric, string> = {
  supply: 'Supply (idle drivers)',
  demand: 'Demand (unassigned orders)',
  surge: 'Surge multiplier',
};

/** Light to dark: Greens, Oranges, Reds (ColorBrewer, 5 classes). */
const RAMPS: Record<HexMetric, readonly string[]> = {
  supply: ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'],
  demand: ['#feedde', '#fdbe85', '#fd8d3c', '#e6550d', '#a63603'],
  surge: ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'],
};

export interface HexScale {
  metric: HexMetric;
  min: number;
  max: number;
  /** the ramp's colours, for the legend's gradient */
  stops: readonly string[];
  color(value: number): string;
}

/** The value a zone shows for a metric. */
export function zoneValue(z: Zone, metric: HexMetric): number {
  return metric === 'supply' ? z.supply : metric === 'demand' ? z.demand : z.surge;
}

/**
 * The scale for these zones: counts run from 0 to the largest count (at least 1), surge from 1
 * (no surge) to the largest multiplier (at least 1.5), so a calm city is drawn pale rather than
 * stretched to look alarming.
 */
export function hexScale(zones: readonly Zone[], metric: HexMetric): HexScale {
  let max = metric === 'surge' ? 1.5 : 1;
  for (const z of zones) max = Math.max(max, zoneValue(z, metric));
  const min = metric === 'surge' ? 1 : 0;
  const stops = RAMPS[metric];
  return { metric, min, max, stops, color: (v) => rampColor(stops, (v - min) / (max - min)) };
}

/** The colour at `t` (0..1, clamped) along a ramp of hex colours, interpolated in RGB. */
export function rampColor(stops: readonly string[], t: number): string {
  const u = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  const a = parseHex(stops[i]);
  const b = parseHex(stops[i + 1]);
  const mix = (k: number) => Math.round(a[k] + (b[k] - a[k]) * f);
  return `#${[mix(0), mix(1), mix(2)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function parseHex(c: string): [number, number, number] {
  const n = parseInt(c.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A legend figure: counts as integers, surge with one decimal and a multiplication sign. */
export function formatHexValue(metric: HexMetric, v: number): string {
  return metric === 'surge' ? `×${v.toFixed(1)}` : String(Math.round(v));
}

/** What a zone's hover label says: "Zone · 3 idle drivers · 5 waiting orders · surge ×1.4". */
export function zoneLabel(z: Zone): string {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return `Zone · ${n(z.supply, 'idle driver', 'idle drivers')} · ${n(z.demand, 'waiting order', 'waiting orders')} · surge ${formatHexValue('surge', z.surge)}`;
}
