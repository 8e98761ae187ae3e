import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody, IngestResult } from '../../../lib/api-types';
import { loc, online, sec } from '../../support/events';
import { getJson, postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { connectIngest, connected, type IngestClient } from '../../support/sockets';

const send = (c: IngestClient, events: unknown) =>
  new Promise<IngestResult | ErrorBody>((resolve) => c.emit('events', events as unknown[], resolve));

describe('socket producers: namespace /ingest', () => {
  let api: ApiServer;
  let c: IngestClient;
  beforeEach(async () => {
    api = await startApiServer();
    c = connectIngest(api.url);
    await connected(c);
  });
  afterEach(async () => {
    c.close();
    await api.close();
  });

  it('acknowledges with the HTTP 200 body, after which the events are in the state', async () => {
    const ack = await send(c, [online('d1', sec(0)), loc('d1', sec(1), 41.15, -8.61), { type: 'location', driverId: 'd1', ts: sec(2), lat: 99, lng: 0 }]);
    expect(ack).toEqual({ accepted: 2, duplicates: 0, rejected: [{ index: 2, error: 'lat: must be between -90 and 90' }] });
    const driver = await getJson<{ lat: number }>(api.url, '/api/drivers/d1');
    expect(driver.lat).toBe(41.15);
  });

  it('answers exactly what HTTP answers for the same batch', async () => {
    const batch = [loc('x', sec(5), 41.1, -8.6), loc('x', sec(5), 41.1, -8.6), { type: 'nope' }];
    const viaSocket = await send(c, batch);
    const other = await startApiServer();
    try {
      const viaHttp = await (await postNdjson(other.url, batch)).json();
      expect(viaSocket).toEqual(viaHttp);
    } finally {
      await other.close();
    }
  });

  it('acks an error body when the payload is not an array of events', async () => {
    expect(await send(c, { type: 'location' })).toEqual({ error: { code: 'invalid_events', message: 'events: must be an array of events' } });
  });
});
