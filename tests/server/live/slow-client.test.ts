import { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SLOW_CLIENT_PACKETS } from '../../../server/live/client-feed';
import { loc, sec } from '../../support/events';
import { postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { connectLive, nextEvent, sleep, type LiveClient } from '../../support/sockets';

/** A Socket.IO client speaking the raw protocol that connects and then stops reading. */
async function stalledClient(url: string): Promise<{ ws: WebSocket; sid: string }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const sid = await new Promise<string>((resolve, reject) => {
    ws.on('message', (data) => {
      const msg = data.toString();
      if (msg.startsWith('0')) ws.send('40');
      else if (msg.startsWith('40')) resolve((JSON.parse(msg.slice(2)) as { sid: string }).sid);
    });
    ws.on('error', reject);
  });
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
  return { ws, sid };
}

describe('a client that stops reading', () => {
  let api: ApiServer;
  let reader: LiveClient;
  beforeEach(async () => {
    api = await startApiServer();
  });
  afterEach(async () => {
    reader?.close();
    await api.close();
  });

  it('never makes the server queue without bound, and the other clients keep getting every update', async () => {
    const stalled = await stalledClient(api.url);
    reader = connectLive(api.url);
    await nextEvent(reader, 'vehicles', (f) => f.full);
    const drivers = 1500;
    const latencies: number[] = [];
    let maxQueued = 0;
    const server = api.app.io.of('/').sockets.get(stalled.sid)!;
    expect(server).toBeDefined();
    for (let round = 0; round < 40; round++) {
      const ts = sec(round + 1);
      const batch = Array.from({ length: drivers }, (_, d) => loc(`d${d}`, ts, 41.1 + d * 1e-4, -8.6 + round * 1e-4));
      const marker = nextEvent(reader, 'vehicles', (f) => f.upserts.some((v) => v.id === 'd0' && v.ts === ts), 2000);
      const t0 = performance.now();
      expect((await postNdjson(api.url, batch)).status).toBe(200);
      await marker;
      latencies.push(performance.now() - t0);
      maxQueued = Math.max(maxQueued, (server.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length);
      await sleep(50);
    }
    // The stalled client did fall behind (its queue reached the slow threshold), and its queue
    // stayed there: frames for it were coalesced instead of queued.
    expect(maxQueued).toBeGreaterThanOrEqual(SLOW_CLIENT_PACKETS);
    expect(maxQueued).toBeLessThanOrEqual(SLOW_CLIENT_PACKETS + 4);
    // Every round reached the reading client (the latency budget is measured by `npm run bench`).
    expect(latencies).toHaveLength(40);
    stalled.ws.terminate();
  }, 30_000);
});
