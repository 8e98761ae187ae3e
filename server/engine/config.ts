/** Tunables of the engine. Every duration is in milliseconds of event time. */
export interface EngineConfig {
  /** how far behind the newest event an event may be and still count in windows */
  allowedLatenessMs: number;
  /** H3 resolution of the zones */
  zoneResolution: number;
  /** rolling window of the live metrics */
  windowMs: number;
  /** window of the ETA mean absolute error */
  etaMaeWindowMs: number;
  /** how much trail each driver keeps (at least 30 minutes) */
  trailMs: number;
  /** a step faster than this (and longer than gpsJumpMinM) is a GPS jump */
  gpsJumpKph: number;
  gpsJumpMinM: number;
  /** steps longer than this are gaps: no distance, no speed */
  maxStepGapMs: number;
  /** an online driver whose last fix is older than this is stale */
  staleDriverMs: number;
  /** how long a GPS jump alert stays open */
  gpsJumpAlertMs: number;
  /** a zone whose demand exceeds supply by at least this is undersupplied */
  undersuppliedGap: number;
  /** event-time interval between evaluations of alerts and surge */
  tickMs: number;
  /** terminal orders older than this are forgotten */
  orderRetentionMs: number;
  /** per-minute series older than this are dropped */
  seriesRetentionMs: number;
  /**
   * ids remembered for de-duplication at least this long (and at least twice the lateness).
   * Past it, a re-sent event changes no state anyway: trails keep one point per timestamp and
   * orders one transition per (ts, status); it would only be counted as accepted again.
   */
  dedupHorizonMs: number;
  /** and at most this many */
  dedupMaxIds: number;
  /** dead letters listed (the total is always counted) */
  deadLetterListMax: number;
  /** surge: multiplier per unit of demand/supply above 1, cap, and smoothing time constant */
  surgeSlope: number;
  surgeMax: number;
  surgeTauMs: number;
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  allowedLatenessMs: 120_000,
  zoneResolution: 8,
  windowMs: 5 * 60_000,
  etaMaeWindowMs: 60 * 60_000,
  trailMs: 35 * 60_000,
  gpsJumpKph: 200,
  gpsJumpMinM: 100,
  maxStepGapMs: 10 * 60_000,
  staleDriverMs: 2 * 60_000,
  gpsJumpAlertMs: 10 * 60_000,
  undersuppliedGap: 3,
  tickMs: 30_000,
  orderRetentionMs: 24 * 3_600_000,
  seriesRetentionMs: 36 * 3_600_000,
  dedupHorizonMs: 5 * 60_000,
  dedupMaxIds: 2_000_000,
  deadLetterListMax: 1_000,
  surgeSlope: 0.5,
  surgeMax: 3,
  surgeTauMs: 3 * 60_000,
};

export function engineConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  const cfg = { ...DEFAULT_ENGINE_CONFIG, ...overrides };
  if (!(cfg.allowedLatenessMs >= 0)) throw new RangeError('allowedLatenessMs: must be at least 0');
  // A late event inside the lateness must still find its neighbours in the trail.
  cfg.dedupHorizonMs = Math.max(cfg.dedupHorizonMs, 2 * cfg.allowedLatenessMs);
  cfg.trailMs = Math.max(cfg.trailMs, 30 * 60_000, cfg.allowedLatenessMs + 60_000);
  return cfg;
}
