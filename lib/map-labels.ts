/**
 * Short texts the map writes next to things: the ETA at the next stop and the age of a fix.
 * Times are event time and shown in UTC, like the rest of the dashboard (the simulated and
 * imported days are UTC), so live and replay read the same.
 */

/** "14:32" for an event time. */
export function hhmm(ts: number): string {
  return new Date(ts).toISOString().slice(11, 16);
}

/**
 * "ETA 14:32 (6 min)" against `nowTs` (the feed's clock); "ETA 14:32 (now)" within half a minute,
 * "ETA 14:32 (3 min late)" once the predicted time has passed.
 */
export function etaLabel(etaTs: number, nowTs: number): string {
  const mins = Math.round((etaTs - nowTs) / 60_000);
  const rel = Math.abs(etaTs - nowTs) < 30_000 ? 'now' : mins > 0 ? `${mins} min` : `${-mins} min late`;
  return `ETA ${hhmm(etaTs)} (${rel})`;
}

/** "8 s", "3 min", "2 h" since a fix. */
export function ageLabel(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min` : `${Math.round(m / 60)} h`;
}
