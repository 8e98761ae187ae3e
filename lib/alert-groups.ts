/**
 * How the alerts panel sorts, groups, labels and ages the open alerts. Pure: the panel only
 * renders what these return.
 */
import type { Alert } from './api-types';

export interface AlertKindInfo {
  kind: string;
  /** the group's heading, plural */
  label: string;
  /** where a click on one of its alerts leads the map */
  zoom: number;
  /** what a click selects besides moving the map */
  selects: 'driver' | 'order_driver' | null;
}

/** The kinds the engine raises, in the order the panel lists them (the most actionable first). */
export const ALERT_KINDS: readonly AlertKindInfo[] = [
  { kind: 'stale_driver', label: 'Stale drivers', zoom: 16, selects: 'driver' },
  { kind: 'order_at_risk', label: 'Orders at risk', zoom: 16, selects: 'order_driver' },
  { kind: 'undersupplied_zone', label: 'Undersupplied zones', zoom: 14, selects: null },
  { kind: 'gps_jump', label: 'GPS jumps', zoom: 16, selects: 'driver' },
];

/** A kind the panel does not know yet (the contract allows more) still gets a readable group. */
export function kindInfo(kind: string): AlertKindInfo {
  const known = ALERT_KINDS.find((k) => k.kind === kind);
  if (known) return known;
  const words = kind.replace(/_/g, ' ');
  return { kind, label: words.charAt(0).toUpperCase() + words.slice(1), zoom: 15, selects: null };
}

export interface AlertGroup {
  info: AlertKindInfo;
  /** longest open first */
  alerts: Alert[];
}

/**
 * The alerts by kind: the known kinds in their order (a kind with no alert is left out), then
 * unknown kinds by name; inside a group the longest open first, then by id so the order holds.
 */
export function groupAlerts(alerts: readonly Alert[]): AlertGroup[] {
  const byKind = new Map<string, Alert[]>();
  for (const a of alerts) {
    let list = byKind.get(a.kind);
    if (!list) byKind.set(a.kind, (list = []));
    list.push(a);
  }
  const order = [...ALERT_KINDS.map((k) => k.kind), ...[...byKind.keys()].filter((k) => !ALERT_KINDS.some((x) => x.kind === k)).sort()];
  return order
    .filter((k) => byKind.has(k))
    .map((k) => ({
      info: kindInfo(k),
      alerts: byKind.get(k)!.sort((a, b) => a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    }));
}

/** How many alerts of each kind are open. */
export function countByKind(alerts: readonly Alert[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of alerts) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  return counts;
}

/**
 * How long an alert has been open, in event time (`now` is the alerts frame's `ts`, so a replay
 * shows the age as of its clock): "for 40 s", "for 4 min", "for 2 h 5 min".
 */
export function alertAge(since: number, now: number): string {
  const s = Math.max(0, Math.floor((now - since) / 1000));
  if (s < 60) return `for ${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `for ${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `for ${h} h ${m % 60} min` : `for ${h} h`;
}
