import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_METRICS } from '../../../server/monitoring/metrics';
import { drive, loc, min, online, sec } from '../../support/events';
import { postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { expectError, expectIngested } from '../http/helpers';
import { connect } from '../security/helpers';
import { scrape, value, type Exposition } from './helpers';

const TOKEN = 'ingest-secret-0123456789';

describe('GET /metrics after some ingest and a socket client', () => {
  let s: ApiServer;
  let viewer: Socket;
  let producer: Socket;
  let x: Exposition;

  beforeAll(async () => {
    s = await startApiServer({ INGEST_TOKEN: TOKEN });
    let firstFrame!: Promise<unknown>;
    viewer = await connect(s.url, {}, (c) => (firstFrame = new Promise((r) => c.once('vehicles', r))));
    producer = await connect(`${s.url}/ingest`, { auth: { token: TOKEN } });
    await firstFrame;
    const auth = { authorization: `Bearer ${TOKEN}` };
    // 1 + 5 accepted, one of them late (more than 2 minutes of event time behind the newest)
    await expectIngested(await postNdjson(s.url, [online('d1', min(10)), ...drive('d1', min(10), 4), loc('d2', sec(0), 41.15, -8.6)], auth));
    // a duplicate and a rejected event
    await expectIngested(await postNdjson(s.url, [online('d1', min(10)), { type: 'location', driverId: 'd3', ts: sec(1), lat: 91, lng: 0 }], auth));
    expect(await producer.timeout(5000).emitWithAck('events', drive('d4', min(10), 3))).toMatchObject({ accepted: 3 });
    // the live hub pushes the change within a tick (100 ms)
    await new Promise((r) => viewer.once('vehicles', r));
    x = await scrape(s.url);
  });
  afterAll(async () => {
    viewer?.close();
    producer?.close();
    await s?.close();
  });

  it('exposes every fleet metric, typed', () => {
    for (const name of FLEET_METRICS) expect(x.types.get(name), name).toMatch(/^(counter|gauge|histogram)$/);
    expect(x.types.get('fleet_events_accepted_total')).toBe('counter');
    expect(x.types.get('fleet_ingest_request_duration_seconds')).toBe('histogram');
    expect(x.types.get('fleet_event_to_emit_seconds')).toBe('histogram');
  });

  it('counts events as the engine does (accepted, rejected, duplicate, late)', async () => {
    expect(value(x, 'fleet_events_accepted_total')).toBe(9);
    expect(value(x, 'fleet_events_rejected_total')).toBe(1);
    expect(value(x, 'fleet_events_duplicate_total')).toBe(1);
    expect(value(x, 'fleet_events_late_total')).toBe(1);
    const m = (await (await fetch(`${s.url}/api/metrics`)).json()) as { ingest: { late: number; rejected: number; duplicates: number } };
    expect(m.ingest).toMatchObject({ late: 1, rejected: 1, duplicates: 1 });
  });

  it('times ingest per transport and the event-to-emit latency', () => {
    expect(value(x, 'fleet_ingest_request_duration_seconds_count', '{transport="http"}')).toBe(2);
    expect(value(x, 'fleet_ingest_request_duration_seconds_count', '{transport="socket"}')).toBe(1);
    expect(value(x, 'fleet_event_to_emit_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value(x, 'fleet_event_to_emit_seconds_sum')).toBeLessThan(5);
  });

  it('sees the socket clients, the bytes sent, the log and the event loop', async () => {
    expect(value(x, 'fleet_socket_clients', '{namespace="/"}')).toBe(1);
    expect(value(x, 'fleet_socket_clients', '{namespace="/ingest"}')).toBe(1);
    expect(value(x, 'fleet_socket_bytes_sent_total')).toBeGreaterThan(100);
    expect(value(x, 'fleet_stream_lag_events')).toBe(0);
    expect(value(x, 'fleet_log_writable', '{kind="file"}')).toBe(1);
    expect(value(x, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(value(x, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(x.types.get('process_resident_memory_bytes')).toBe('gauge');

    viewer.close();
    await expect.poll(async () => value(await scrape(s.url), 'fleet_socket_clients', '{namespace="/"}')).toBe(0);
  });
});

describe('METRICS_TOKEN', () => {
  it('makes /metrics take a bearer token (other probes stay open)', async () => {
    const s = await startApiServer({ METRICS_TOKEN: 'scrape-me' });
    try {
      await expectError(await fetch(`${s.url}/metrics`), 401, 'unauthorized');
      await expectError(await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer nope' } }), 401, 'unauthorized');
      await scrape(s.url, { authorization: 'Bearer scrape-me' });
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
