import type { SeriesFrame } from '../../lib/live-types';
import { SERIES_DELTA_MINUTES } from '../../lib/live-types';
import type { Engine } from '../engine/engine';
import { alertsBody, etaFrameBody, metricsBody, seriesBody, zonesBody, type OrderOutcome } from '../engine/views';

/** Anything that can take the once-a-second frames (a socket, or a namespace minus slow clients). */
export interface StatsTarget {
  emit(event: 'metrics' | 'zones' | 'alerts' | 'series' | 'eta', body: unknown): unknown;
}

/** The whole day's series so far (sent on connect and after a replay seek). */
export function fullSeries(engine: Engine): SeriesFrame {
  return { ...seriesBody(engine), full: true };
}

/** The last few minutes of the series: the minutes late events can still change, and the new one. */
export function recentSeries(engine: Engine): SeriesFrame {
  const now = Number.isFinite(engine.now) ? engine.now : 0;
  const body = seriesBody(engine, Math.max(0, now - SERIES_DELTA_MINUTES * 60_000));
  return { ...body, full: false };
}

/**
 * The once-a-second frames of live and replay alike: metrics, zones, alerts, the series (full on
 * the first send, the recent minutes after that) and the ETA panel's frame. `outcome` is the
 * recorded day's knowledge of each order's actual arrival (replay only).
 */
export function emitStats(target: StatsTarget, engine: Engine, full: boolean, outcome?: (orderId: string) => OrderOutcome | undefined): void {
  target.emit('metrics', metricsBody(engine));
  target.emit('zones', zonesBody(engine));
  target.emit('alerts', alertsBody(engine));
  target.emit('series', full ? fullSeries(engine) : recentSeries(engine));
  target.emit('eta', etaFrameBody(engine, outcome));
}
