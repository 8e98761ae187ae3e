import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ServerConfig } from '../config';
import { dayRoads } from '../days/day-eta';
import type { DayRecord } from '../days/day-store';
import { seedOfDay } from '../demo/live-simulator';
import { roadsBody, type RoadsBody } from './roads-body';
import { HttpError } from './respond';

/** The recorded days, by id (the day store). */
export interface DayRecords {
  record(id: string): DayRecord | undefined;
}

const DAY_MS = 86_400_000;

interface Prepared {
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

/**
 * Road networks as served, by roads spec: a few kept (generating or loading takes 0.1 to 2 s);
 * requests that come while one is being made wait for the same one.
 */
const prepared = new Map<string, Promise<Prepared>>();

/**
 * The seed of the city the built-in simulator drives today: SIM_SEED when set, else the day's
 * own seed (server/demo/live-simulator.ts), so the roads drawn are the ones the vehicles follow.
 * With SIMULATOR=off the same generated city is served: the demo's base map, on Porto.
 */
export function roadsSeed(cfg: Pick<ServerConfig, 'simSeed'>, now = Date.now()): number {
  return cfg.simSeed ?? seedOfDay(Math.floor(now / DAY_MS) * DAY_MS);
}

function prepare(spec: string): Promise<Prepared> {
  let body = prepared.get(spec);
  if (body !== undefined) return body;
  const tag = createHash('sha1').update(spec).digest('hex').slice(0, 12);
  body = bodyOffThread(spec).then(({ json, gzip }) => ({ etag: `"roads-${tag}-${json.length}"`, json, gzip }));
  prepared.set(spec, body);
  // A failure is not kept: the next request tries again.
  body.catch(() => prepared.delete(spec));
  while (prepared.size > 3) prepared.delete(prepared.keys().next().value!);
  return body;
}

/**
 * The roads' body, made on a thread of its own so that the main thread (the engine, every socket)
 * does not stop for it; made here if that thread cannot run (the answer is the same).
 */
function bodyOffThread(spec: string): Promise<RoadsBody> {
  return new Promise<RoadsBody>((resolve, reject) => {
    let settled = false;
    const here = () => {
      if (settled) return;
      settled = true;
      try {
        resolve(roadsBody(spec));
      } catch (err) {
        reject(err as Error);
      }
    };
    const worker = new Worker(new URL('../ingest/worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./roads-worker.ts', import.meta.url).href, spec },
    });
    worker.unref(); // a server that is stopping does not wait for it
    worker.once('message', (m: RoadsBody | { error: string }) => {
      if ('error' in m) return here(); // the same error, thrown here, with its own type and message
      settled = true;
      resolve({ json: Buffer.from(m.json.buffer, m.json.byteOffset, m.json.byteLength), gzip: Buffer.from(m.gzip.buffer, m.gzip.byteOffset, m.gzip.byteLength) });
    });
    worker.once('error', here);
    worker.once('exit', here);
  });
}

/**
 * GET /api/roads: a road network as GeoJSON, for the map's base layer when tiles cannot load: the
 * simulated city the live fleet drives, or with `?day=ID` the roads of that recorded day (its
 * generated city, or the roads its importer named, such as Porto's). Gzipped when the client
 * accepts it; cacheable and revalidated by ETag (today's city changes at midnight UTC).
 */
export async function handleRoads(req: IncomingMessage, res: ServerResponse, url: URL, cfg: Pick<ServerConfig, 'simSeed'>, days?: DayRecords): Promise<void> {
  const dayId = url.searchParams.get('day');
  let spec = `city:${roadsSeed(cfg)}`;
  // The live city changes at midnight UTC (unless SIM_SEED fixes it): never cached past it.
  let maxAge = cfg.simSeed == null ? Math.min(3600, Math.ceil((DAY_MS - (Date.now() % DAY_MS)) / 1000)) : 3600;
  if (dayId !== null) {
    const record = days?.record(dayId);
    if (!record) throw new HttpError(404, 'not_found', `day: no recorded day "${dayId}"`);
    // An imported day that does not name its roads is shown on the live city, as its ETAs are.
    const own = dayRoads(record);
    if (own) {
      spec = own;
      maxAge = 3600;
    }
  }
  const body = await prepare(spec);
  const headers: Record<string, string> = {
    'content-type': 'application/geo+json; charset=utf-8',
    'cache-control': `public, max-age=${maxAge}`,
    etag: body.etag,
    vary: 'accept-encoding',
  };
  if (req.headers['if-none-match'] === body.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const payload = gzip ? body.gzip : body.json;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = String(payload.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : payload);
}
