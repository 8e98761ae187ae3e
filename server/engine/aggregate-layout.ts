/** Where each counter lives in the engine's bucket rows. */

/** Indexes of the rolling window counters (per second of event time, late events left out). */
export const W = { events: 0, created: 1, delivered: 2, cancelled: 3, onTime: 4, promised: 5 } as const;
/** Indexes of the per-minute series row. */
export const S = {
  created: 0,
  delivered: 1,
  cancelled: 2,
  onTime: 3,
  promised: 4,
  etaErrSum: 5,
  etaN: 6,
  events: 7,
  online: 8,
  idle: 9,
  busy: 10,
  supply: 11,
  demand: 12,
  /** 1 once the gauges of the minute were sampled */
  sampled: 13,
} as const;
export const SERIES_WIDTH = 14;
