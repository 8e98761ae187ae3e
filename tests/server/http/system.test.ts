import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemBody } from '../../../lib/api-types';
import { drive, online, min } from '../../support/events';
import { connectIngest, connectLive, connected, nextEvent, type IngestClient, type LiveClient } from '../../support/sockets';
import { getJson, postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { expectIngested } from './helpers';

describe('GET /api/system', () => {
  let s: ApiServer;
  let viewers: LiveClient[] = [];
  let producer: IngestClient;

  beforeAll(async () => {
    s = await startApiServer();
  });
  afterAll(async () => {
    for (const v of viewers) v.close();
    producer?.close();
    await s?.close();
  });

  it('answers the mode, no clients and no latency samples on a fresh server', async () => {
    const body = await getJson<SystemBody>(s.url, '/api/system');
    expect(body.mode).toBe('embedded');
    expect(body.clients).toEqual({ live: 0, replay: 0, ingest: 0 });
    expect(body.ingestLatencyMs.http).toEqual({ count: 0, p50: null, p99: null });
    expect(body.pushLatencyMs.count).toBe(0);
    expect(body.log).toMatchObject({ kind: 'file', writable: true, lagEvents: 0 });
    expect(body.memory.rssBytes).toBeGreaterThan(10_000_000);
    expect(body.memory.heapUsedBytes).toBeGreaterThan(1_000_000);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('counts connected clients per namespace, and ingest and push latencies once there was traffic', async () => {
    viewers = [connectLive(s.url), connectLive(s.url)];
    producer = connectIngest(s.url);
    await Promise.all([...viewers.map(connected), connected(producer)]);
    const pushed = nextEvent(viewers[0], 'vehicles', (f) => !f.full && f.upserts.some((u) => u.id === 'sys-d1'));
    for (let i = 0; i < 3; i++) await expectIngested(await postNdjson(s.url, [online(`sys-d${i}`, min(0)), ...drive(`sys-d${i}`, min(0), 5)]));
    expect(await producer.timeout(5000).emitWithAck('events', drive('sys-d9', min(1), 2))).toMatchObject({ accepted: 2 });
    await pushed;

    const body = await getJson<SystemBody>(s.url, '/api/system');
    expect(body.clients).toEqual({ live: 2, replay: 0, ingest: 1 });
    expect(body.ingestLatencyMs.http.count).toBe(3);
    expect(body.ingestLatencyMs.socket.count).toBe(1);
    expect(body.ingestLatencyMs.http.p50).toBeGreaterThan(0);
    expect(body.ingestLatencyMs.http.p99).toBeGreaterThanOrEqual(body.ingestLatencyMs.http.p50!);
    expect(body.pushLatencyMs.count).toBeGreaterThan(0);
    expect(body.pushLatencyMs.p50).not.toBeNull();
    expect(body.log.bytes).toBeGreaterThan(0);
    expect(body.log.segments).toBeGreaterThanOrEqual(1);
    expect(body.socketBytesSent).toBeGreaterThan(0);
  });

  it('agrees with the Prometheus text of /metrics for the request count', async () => {
    const [body, text] = await Promise.all([getJson<SystemBody>(s.url, '/api/system'), fetch(`${s.url}/metrics`).then((r) => r.text())]);
    const line = text.split('\n').find((l) => l.startsWith('fleet_ingest_request_duration_seconds_count{transport="http"}'));
    expect(Number(line?.split(' ')[1])).toBe(body.ingestLatencyMs.http.count);
  });
});
