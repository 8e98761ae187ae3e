/**
 * Redis stream entry ids (`<ms>-<seq>`), compared as numbers. Both parts stay far below 2^53
 * (ms since the epoch, and a per-ms counter), so plain numbers compare them exactly.
 */
export type StreamId = string;

export const ZERO_ID: StreamId = '0-0';

function parts(id: StreamId): [number, number] {
  const dash = id.indexOf('-');
  if (dash < 0) return [Number(id), 0];
  return [Number(id.slice(0, dash)), Number(id.slice(dash + 1))];
}

/** Negative when a comes before b, 0 when equal, positive after. */
export function compareStreamIds(a: StreamId, b: StreamId): number {
  const [am, as] = parts(a);
  const [bm, bs] = parts(b);
  return am !== bm ? am - bm : as - bs;
}

export function minStreamId(a: StreamId, b: StreamId): StreamId {
  return compareStreamIds(a, b) <= 0 ? a : b;
}
