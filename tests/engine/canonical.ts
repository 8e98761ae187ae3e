import type { FleetEvent } from '../../lib/events';
import type { Engine } from '../../server/engine/engine';
import { deadLettersBody, driverDetail, driversBody, metricsBody, orderBody, seriesBody, zonesBody } from '../../server/engine/views';

/**
 * What must not depend on arrival order: the read bodies, minus what is documented as sampled
 * when the clock passes a boundary (surge, series gauges) and minus the duplicate count (the
 * caller checks that against the copies it sent). Dead letters are a set: the list is in the
 * order they were given up on.
 */
export function canonicalState(e: Engine, events: FleetEvent[]) {
  const orderIds = [...new Set(events.flatMap((ev) => (ev.type === 'order' ? [ev.orderId] : [])))].sort();
  const drivers = driversBody(e);
  const metrics = metricsBody(e);
  const dead = deadLettersBody(e, Infinity);
  return {
    drivers,
    details: drivers.drivers.map((d) => driverDetail(e, d.id)),
    orders: orderIds.map((id) => [id, orderBody(e, id) ?? null]),
    metrics: { ...metrics, ingest: { ...metrics.ingest, duplicates: 0 } },
    zones: zonesBody(e).zones.map(({ surge: _surge, ...z }) => z),
    deadLetters: { total: dead.total, items: dead.items.map((x) => JSON.stringify(x)).sort() },
    series: seriesBody(e).points.map((p) => ({
      ts: p.ts,
      created: p.created,
      delivered: p.delivered,
      cancelled: p.cancelled,
      events: p.events,
      onTimeRate: p.onTimeRate,
      etaMaeSeconds: p.etaMaeSeconds,
    })),
  };
}
