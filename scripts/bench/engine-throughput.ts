import { locationLine } from '../../lib/location-line';
import { validateEvent } from '../../lib/validate';
import { Engine } from '../../server/engine/engine';

/**
 * The engine from NDJSON bytes to updated state, against the floor of JSON.parse alone on the
 * same bytes. Both split the same buffer into lines the same way. Each line is read as HTTP ingest
 * reads it (parseEvents): a plain location by `locationLine`, anything else by JSON.parse and
 * validateEvent.
 */
export function measureEngine(ndjson: string, runs = 3): { floorEps: number; engineEps: number; events: number } {
  const count = (s: string) => {
    let n = 0;
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
    return n;
  };
  const events = count(ndjson);
  const floor = () => {
    let start = 0;
    let sink = 0;
    for (let end = ndjson.indexOf('\n'); end >= 0; end = ndjson.indexOf('\n', start)) {
      const o = JSON.parse(ndjson.slice(start, end));
      sink += o.ts;
      start = end + 1;
    }
    return sink;
  };
  const engine = () => {
    const e = new Engine();
    let start = 0;
    for (let end = ndjson.indexOf('\n'); end >= 0; end = ndjson.indexOf('\n', start)) {
      const fast = locationLine(ndjson, start, end);
      if (fast !== undefined) e.ingest(fast);
      else {
        const r = validateEvent(JSON.parse(ndjson.slice(start, end)));
        if (r.ok) e.ingest(r.event);
      }
      start = end + 1;
    }
    return e.counters.accepted;
  };
  // Alternate the two so that neither gets a warmer machine; keep the best of each.
  let floorBest = Infinity;
  let engineBest = Infinity;
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    floor();
    floorBest = Math.min(floorBest, performance.now() - t);
    t = performance.now();
    const accepted = engine();
    engineBest = Math.min(engineBest, performance.now() - t);
    if (accepted !== events) throw new Error(`engine accepted ${accepted} of ${events}`);
  }
  return { floorEps: events / (floorBest / 1000), engineEps: events / (engineBest / 1000), events };
}
