import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriversBody } from '../../../lib/api-types';
import { eventually, startPrivateRedis, testPrefix, type PrivateRedis } from '../../support/redis';
import { getJson, postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { expectError } from '../http/helpers';
import { batchOf, lastTs, redisEnv } from './helpers';

const MB = 1024 * 1024;

/** A producer that keeps sending batches one after the other, whatever the answers. */
class Producer {
  readonly acked: number[] = [];
  unavailable = 0;
  private sending = true;
  private readonly done: Promise<void>;

  constructor(url: string) {
    this.done = this.run(url);
  }

  private async run(url: string): Promise<void> {
    for (let b = 0; this.sending; b++) {
      const res = await postNdjson(url, batchOf('p', b, 5));
      if (res.status === 200) this.acked.push(b);
      else if (res.status === 503) this.unavailable++;
      else throw new Error(`unexpected ${res.status}: ${await res.text()}`);
      await res.arrayBuffer().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  stop(): Promise<void> {
    this.sending = false;
    return this.done;
  }
}

let redis: PrivateRedis | null = null;
let server: ApiServer | null = null;
let producer: Producer | null = null;
afterEach(async () => {
  await producer?.stop().catch(() => undefined);
  await server?.close();
  await redis?.destroy();
  server = redis = producer = null;
});

/** Heap in use after a full collection, and the resident set, in MB. */
function memory(): { heap: number; rss: number } {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / MB, rss: m.rss / MB };
}

/** `count` ingest requests of 20 events, 20 at a time, each answered 503. */
async function hammer(url: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 20) {
    await Promise.all(
      Array.from({ length: 20 }, async (_, j) => {
        const r = await postNdjson(url, batchOf(`h${i + j}`, 0, 20));
        expect(r.status).toBe(503);
        await r.arrayBuffer();
      }),
    );
  }
}

describe('Redis mode: Redis stopped and started again during ingest', () => {
  it('answers 503 with Retry-After while down, keeps memory bounded, resumes by itself and loses no acknowledged event', async () => {
    redis = await startPrivateRedis();
    server = await startApiServer(redisEnv(testPrefix(), 'o', redis.url));
    const url = server.url;
    const p = (producer = new Producer(url));
    await eventually(async () => (p.acked.length >= 20 ? true : undefined), 5000, '20 batches acknowledged');

    await redis.stop();
    const ackedBeforeStop = p.acked.length;
    const res = await eventually(async () => {
      const r = await postNdjson(url, batchOf('down', 0));
      return r.status === 503 ? r : (await r.arrayBuffer(), undefined);
    }, 3000, 'a 503');
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    await expectError(res, 503, 'log_unavailable');
    expect(server.fleet.health()).toMatchObject({ kind: 'redis', writable: false });

    // hammering ingest during the outage: nothing is queued for later, so memory stays flat
    await hammer(url, 400); // warm-up
    const m0 = memory();
    await hammer(url, 2000);
    const m1 = memory();
    await hammer(url, 2000);
    const m2 = memory();
    expect(m1.heap - m0.heap).toBeLessThan(8);
    expect(m2.heap - m0.heap).toBeLessThan(8);
    // the resident set may keep some of what the allocator got (tens of MB, not per request)
    expect(Math.max(m1.rss, m2.rss) - m0.rss).toBeLessThan(96);

    await redis.start();
    await eventually(async () => (p.acked.length > ackedBeforeStop + 5 ? true : undefined), 8000, 'ingest answering 200 again');
    await p.stop();
    expect(p.unavailable).toBeGreaterThan(0);
    expect(server.fleet.health()).toMatchObject({ kind: 'redis', writable: true });

    const want = new Map(p.acked.map((b) => [`p-${b}`, lastTs('p', b, 5)]));
    await eventually(async () => {
      const body = await getJson<DriversBody>(url, '/api/drivers');
      const ts = new Map(body.drivers.map((d) => [d.id, d.ts]));
      return [...want].every(([id, t]) => ts.get(id) === t) ? true : undefined;
    }, 3000, 'every acknowledged batch in the state');
  });

  it('stays up when Socket.IO needs Redis while it is down (a namespace opened, a server-side emit)', async () => {
    redis = await startPrivateRedis();
    server = await startApiServer(redisEnv(testPrefix(), 'n', redis.url));
    await redis.stop();
    server.app.io.of('/opened-during-the-outage');
    server.app.io.serverSideEmit('ping');
    await new Promise((r) => setTimeout(r, 2500)); // a few reconnect attempts, each failing the queued commands
    expect(server.fleet.health().writable).toBe(false);
    await redis.start();
    await eventually(async () => ((await postNdjson(server!.url, batchOf('after', 0))).status === 200 ? true : undefined), 5000, 'a 200 again');
  });
});
