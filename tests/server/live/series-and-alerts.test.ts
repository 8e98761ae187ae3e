import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERIES_DELTA_MINUTES } from '../../../lib/live-types';
import { mergeSeries } from '../../../lib/feed-state';
import type { AlertsBody, SeriesBody } from '../../../lib/api-types';
import { assigned, created, drive, loc, min, online, sec } from '../../support/events';
import { getJson, postNdjson, startApiServer, type ApiServer } from '../../support/server';
import { collect, connectLive, nextEvent, sleep, type LiveClient } from '../../support/sockets';

describe('live push of the charts series and the open alerts (extra events)', () => {
  let api: ApiServer;
  const clients: LiveClient[] = [];
  const client = () => {
    const c = connectLive(api.url);
    clients.push(c);
    return c;
  };
  beforeEach(async () => {
    api = await startApiServer();
    // 20 minutes of one driver, an order created in minute 3, and a driver that goes quiet.
    await postNdjson(api.url, [online('d1', sec(0), 'Ana'), online('q', sec(0)), loc('q', sec(1), 41.16, -8.6), ...drive('d1', sec(1), 120), created('o1', min(3)), assigned('o1', min(3) + 5000, 'd1')]);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await api.close();
  });

  it('sends the whole series and the alerts on connect, equal to the read API', async () => {
    const c = client();
    const [series, alerts] = await Promise.all([nextEvent(c, 'series'), nextEvent(c, 'alerts')]);
    const body = await getJson<SeriesBody>(api.url, '/api/series');
    expect(series).toEqual({ ...body, full: true });
    expect(series.points.length).toBeGreaterThanOrEqual(20);
    expect(series.points.find((p) => p.ts === min(3))?.created).toBe(1);
    expect(alerts).toEqual(await getJson<AlertsBody>(api.url, '/api/alerts'));
    expect(alerts.alerts.map((a) => [a.kind, a.entityId])).toContainEqual(['stale_driver', 'q']);
  });

  it('then sends the recent minutes once a second, which merge into the same series', async () => {
    const c = client();
    const full = await nextEvent(c, 'series');
    const deltas = collect(c, 'series');
    await postNdjson(api.url, [created('o2', min(20) + 1000), loc('d1', min(20) + 2000, 41.151, -8.64)]);
    await sleep(2300);
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    const last = deltas.at(-1)!;
    expect(last.full).toBe(false);
    expect(last.points.length).toBeLessThanOrEqual(SERIES_DELTA_MINUTES + 1);
    const merged = deltas.reduce((acc, f) => mergeSeries(acc, f.points), full.points);
    expect(merged).toEqual((await getJson<SeriesBody>(api.url, '/api/series')).points);
    expect(merged.find((p) => p.ts === min(20))?.created).toBe(1);
  });
});
