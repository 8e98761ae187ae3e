import type { FleetEvent } from '../../lib/events';
import { straightLineEta, type EtaModel } from '../../server/engine/eta';
import { roadEta } from '../../server/engine/eta-road';
import { Engine } from '../../server/engine/engine';
import { loadRoadGraph } from '../../server/roads/load';
import { simulateDay } from '../../server/sim/index';

export interface EngineEtaSpeed {
  model: string;
  /** the engine alone: at-risk checks each tick, the at-pickup ETA of each order */
  engineEps: number;
  /** plus, after each fix, the ETA of the driver's active orders (what the live ETA frame asks) */
  perFixEps: number;
  etas: number;
}

/**
 * What each ETA model costs the engine on a simulated day with orders (its own city's roads for
 * the road model): events/s of the engine alone, and with an ETA at every fix of a driver with an
 * active order. Best of `runs`, the models alternating.
 */
export function measureEngineEta(drivers = 40, seed = 1, runs = 3): { events: number; orders: number; rows: EngineEtaSpeed[] } {
  const events: FleetEvent[] = [];
  const gen = simulateDay({ seed, drivers, date: '2026-11-25' });
  let r = gen.next();
  while (!r.done) {
    events.push(r.value);
    r = gen.next();
  }
  const graph = loadRoadGraph(`city:${seed}`);
  const models: [string, () => EtaModel][] = [
    ['straight-line', () => straightLineEta()],
    ['road', () => roadEta(graph)],
  ];
  const run = (make: () => EtaModel, perFix: boolean): { ms: number; etas: number } => {
    const e = new Engine({}, make());
    let etas = 0;
    const t = performance.now();
    for (const ev of events) {
      e.ingest(ev);
      if (!perFix || ev.type !== 'location') continue;
      const d = e.drivers.get(ev.driverId);
      if (!d) continue;
      for (const id of d.active) {
        if (e.orderEta(e.orders.get(id)!)) etas++;
      }
    }
    return { ms: performance.now() - t, etas };
  };
  const best = models.map(() => ({ engine: Infinity, perFix: Infinity, etas: 0 }));
  for (let k = 0; k < runs; k++) {
    models.forEach(([, make], i) => {
      best[i].engine = Math.min(best[i].engine, run(make, false).ms);
      const p = run(make, true);
      best[i].perFix = Math.min(best[i].perFix, p.ms);
      best[i].etas = p.etas;
    });
  }
  return {
    events: events.length,
    orders: r.value.orders,
    rows: models.map(([model], i) => ({
      model,
      engineEps: events.length / (best[i].engine / 1000),
      perFixEps: events.length / (best[i].perFix / 1000),
      etas: best[i].etas,
    })),
  };
}
