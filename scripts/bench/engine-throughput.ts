import { Engine } from '../../server/engine/engine';
import { parseRequest } from '../../server/ingest/parse-request';

const NDJSON = 'application/x-ndjson';

/**
 * The engine from NDJSON bytes to updated state, against the floor of JSON.parse alone on the
 * same text. The engine side takes the bytes as HTTP ingest does: in bodies of `batch` lines,
 * each decoded, split, read and validated by `parseRequest` (the server's own code), then its
 * events applied in order. The floor parses the same lines of the decoded text one by one.
 */
export function measureEngine(ndjson: string, runs = 3, batch = 1000): { floorEps: number; engineEps: number; events: number } {
  // The request bodies, cut before timing as they would arrive: bytes outside the JS heap.
  const bodies: Buffer[] = [];
  let events = 0;
  let from = 0;
  for (let i = ndjson.indexOf('\n'); i >= 0; i = ndjson.indexOf('\n', i + 1)) {
    if (++events % batch === 0) {
      bodies.push(Buffer.from(ndjson.slice(from, i + 1)));
      from = i + 1;
    }
  }
  if (from < ndjson.length) bodies.push(Buffer.from(ndjson.slice(from)));
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
    for (const body of bodies) {
      const { validated } = parseRequest(body, NDJSON, batch);
      for (const ev of validated.events) e.ingest(ev);
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
