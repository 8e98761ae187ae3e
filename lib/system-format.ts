/** Formats of the System page: sizes, latencies, uptime and a one-line summary of an event. */

/** 512 B, 3.4 KB, 12 MB, 1.2 GB (powers of 1024, as memory is counted). */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 || v >= 10 ? 0 : 1;
  return `${v.toFixed(digits)} ${units[u]}`;
}

/** 0.4 ms, 12 ms, 1.3 s. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${(Math.round(ms * 10) / 10).toString()} ms`;
}

/** 45 s, 12 min, 3 h 5 min, 2 d 4 h. */
export function formatUptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/**
 * What a dead-lettered event was, in a few words: "order o1 delivered", "location of d7",
 * "driver d2 online"; the raw JSON is shown beside it for the rest.
 */
export function eventSummary(event: unknown): string {
  if (typeof event !== 'object' || event === null) return String(event);
  const e = event as Record<string, unknown>;
  const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : null);
  switch (e.type) {
    case 'order':
      return ['order', str('orderId'), str('status')].filter(Boolean).join(' ');
    case 'location':
      return `location of ${str('driverId') ?? '?'}`;
    case 'driver':
      return ['driver', str('driverId'), str('status')].filter(Boolean).join(' ');
    default:
      return typeof e.type === 'string' ? `${e.type} event` : 'event';
  }
}
