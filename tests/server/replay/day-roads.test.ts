import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, online, min } from '../../support/events';
import { startApiServer, type ApiServer } from '../../support/server';
import { expectError } from '../http/helpers';
import { hasPorto } from '../../roads/porto-data';

interface Roads {
  type: string;
  city: 'generated' | 'osm';
  seed?: number;
  roads?: string;
  bbox: [number, number, number, number];
  features: { geometry: { type: string; coordinates: [number, number][] } }[];
}

const roadsOf = async (api: ApiServer, query = '') => {
  const res = await fetch(`${api.url}/api/roads${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Roads;
};

const events = () => [online('a', min(0)), ...drive('a', min(0) + 1000, 30)];

describe('GET /api/roads?day=ID: the roads of a recorded day, for its replay map', () => {
  let api: ApiServer;
  beforeAll(async () => {
    // SIM_SEED fixes the live city, so "the live city" is a known seed here.
    api = await startApiServer({ SIM_SEED: '7' });
    await api.app.days.addImported('no-roads', 'no roads', 'x.ndjson', events(), () => 0);
    api.app.days.addSimulated('sim-seed-23', 'seed 23', { kind: 'simulated', seed: 23, drivers: 10, date: '2026-11-24' });
    if (hasPorto) await api.app.days.addImported('on-porto', 'on Porto', 'p.ndjson', events(), () => 0, undefined, 'porto');
  }, 60_000);
  afterAll(() => api.close());

  it('without a day, the city the live fleet drives', async () => {
    expect(await roadsOf(api)).toMatchObject({ type: 'FeatureCollection', city: 'generated', seed: 7 });
  });

  it('a simulated day: the generated city of its own seed', async () => {
    const roads = await roadsOf(api, '?day=sim-seed-1');
    expect(roads).toMatchObject({ city: 'generated', seed: 1 });
    expect(roads.features.length).toBeGreaterThan(100);
  });

  it('an imported day that names no roads: the live city, as its ETAs are routed there', async () => {
    expect(await roadsOf(api, '?day=no-roads')).toMatchObject({ city: 'generated', seed: 7 });
  });

  it.skipIf(!hasPorto)("an imported day on Porto's roads: those roads, gzipped small enough for a base map", async () => {
    const roads = await roadsOf(api, '?day=on-porto');
    expect(roads).toMatchObject({ city: 'osm', roads: 'porto' });
    expect(roads.features.length).toBeGreaterThan(3000);
    const [w, s, e, n] = roads.bbox;
    expect([w > -8.8, e < -8.5, s > 41.1, n < 41.25]).toEqual([true, true, true, true]);
    const gz = await fetch(`${api.url}/api/roads?day=on-porto`, { headers: { 'accept-encoding': 'gzip' } });
    expect(Number(gz.headers.get('content-length'))).toBeLessThan(300_000);
    expect(gz.headers.get('etag')).not.toBe((await fetch(`${api.url}/api/roads`)).headers.get('etag'));
  });

  it('makes a road network off the main thread: the server answers other requests meanwhile', async () => {
    const answered: string[] = [];
    // A day of a seed nothing has asked for yet: its city is generated for this request.
    const roads = fetch(`${api.url}/api/roads?day=sim-seed-23`).then((r) => {
      answered.push('roads');
      return r;
    });
    await new Promise((r) => setTimeout(r, 30)); // the roads request is in
    const health = await fetch(`${api.url}/healthz`);
    answered.push('healthz');
    expect([health.status, (await roads).status]).toEqual([200, 200]);
    // Had the main thread made the roads, they would have been answered before it read /healthz.
    expect(answered).toEqual(['healthz', 'roads']);
  });

  it('an unknown day is a 404 that names it', async () => {
    const body = await expectError(await fetch(`${api.url}/api/roads?day=nope`), 404, 'not_found');
    expect(body.error.message).toBe('day: no recorded day "nope"');
  });
});
