import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EtaAccuracyBody } from '../../lib/api-types';
import type { FleetEvent } from '../../lib/events';
import { loadConfig } from '../../server/config';
import { Engine } from '../../server/engine/engine';
import { etaAccuracyBody, orderBody } from '../../server/engine/views';
import { assigned, created, delivered, drive, feed, min, online, pickedUp } from '../support/events';
import { getJson, postNdjson, startApiServer, type ApiServer } from '../support/server';

/** Three trips of one driver: 2, 10 and 20 minutes from pickup to delivery (one per horizon). */
function trips(): FleetEvent[] {
  const out: FleetEvent[] = [online('d1', min(0)), ...drive('d1', min(0), 6 * 60, 10, 36)];
  let t = 1;
  for (const [id, minutes] of [['o1', 2], ['o2', 10], ['o3', 20]] as const) {
    out.push(created(id, min(t)), assigned(id, min(t), 'd1'), pickedUp(id, min(t + 1)), delivered(id, min(t + 1 + minutes)));
    t += minutes + 3;
  }
  return out.sort((a, b) => a.ts - b.ts);
}

describe('etaAccuracyBody', () => {
  it('scores each delivery against the ETA given at its pickup, by the horizon of the trip', () => {
    const e = feed(new Engine(), trips());
    const body = etaAccuracyBody(e);
    const errs = ['o1', 'o2', 'o3'].map((id) => {
      const o = orderBody(e, id)!;
      return (o.deliveredTs! - o.etaAtPickupTs!) / 1000;
    });
    expect(body.model).toBe('straight-line');
    expect(body.overall.samples).toBe(3);
    expect(body.overall.maeSeconds).toBeCloseTo(errs.reduce((s, x) => s + Math.abs(x), 0) / 3, 0);
    expect(body.overall.biasSeconds).toBeCloseTo(errs.reduce((s, x) => s + x, 0) / 3, 0);
    expect(body.horizons.map((h) => [h.label, h.samples])).toEqual([
      ['0-5 min', 1],
      ['5-15 min', 1],
      ['15+ min', 1],
    ]);
    expect(body.horizons[2].maeSeconds).toBeCloseTo(Math.abs(errs[2]), 0);
    expect(body.horizons[2].medianSeconds).not.toBeNull();
    expect(body.windowHours).toBe(24);
    expect(body.fromTs).toBeLessThanOrEqual(min(0));
  });

  it('has no samples (nulls, not zeros) before any delivery', () => {
    const body = etaAccuracyBody(new Engine());
    expect(body.overall).toEqual({ samples: 0, maeSeconds: null, medianSeconds: null, p90Seconds: null, biasSeconds: null });
  });
});

describe('GET /api/eta-accuracy', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
    await postNdjson(api.url, trips());
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers the engine\'s accuracy body', async () => {
    const body = await getJson<EtaAccuracyBody>(api.url, '/api/eta-accuracy');
    expect(body.overall.samples).toBe(3);
    expect(body.horizons).toHaveLength(3);
    expect(Object.keys(body).sort()).toEqual(['fromTs', 'horizons', 'model', 'overall', 'ts', 'windowHours']);
  });
});

describe('ETA_MODEL', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({ ETA_MODEL: 'road', ETA_ROADS: 'city:3', SIMULATOR: 'off' });
    await postNdjson(api.url, trips());
  });
  afterAll(async () => {
    await api.close();
  });

  it('road: the engine gives and scores road-model ETAs', async () => {
    const body = await getJson<EtaAccuracyBody>(api.url, '/api/eta-accuracy');
    expect(body.model).toBe('road');
    expect(body.overall.samples).toBe(3);
  });

  it('road is the default; anything but road or straight-line is refused at start, naming the variable', () => {
    expect(() => loadConfig({ ETA_MODEL: 'magic' })).toThrow(/^ETA_MODEL: must be road or straight-line/);
    expect(loadConfig({}).etaModel).toBe('road');
    expect(loadConfig({ ETA_MODEL: 'straight-line' }).etaModel).toBe('straight-line');
  });
});
