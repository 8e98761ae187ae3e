import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { alertsBody } from '../../server/engine/views';
import { assigned, created, delivered, feed, loc, min, offline, online, P, pickedUp, sec } from '../support/events';

/** Moves the engine clock (and runs its ticks) without a fix of its own. */
const clockAt = (ts: number) => offline('clock', ts);
const kinds = (e: Engine) => alertsBody(e).alerts.map((a) => `${a.kind}:${a.entityId}`);
const tickMs = new Engine().cfg.tickMs;

describe('stale_driver', () => {
  it('is not raised while the last fix is at most 2 minutes old', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), loc('d1', sec(0), P.lat, P.lng), clockAt(min(2))]);
    expect(kinds(e)).toEqual([]);
  });

  it('is raised for an online driver whose last fix is over 2 minutes old, since then', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), loc('d1', sec(0), P.lat, P.lng), clockAt(min(2) + 1)]);
    expect(alertsBody(e).alerts).toEqual([
      expect.objectContaining({ kind: 'stale_driver', entityId: 'd1', since: min(2), lat: P.lat, lng: P.lng }),
    ]);
  });

  it('is cleared by a new fix', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), loc('d1', sec(0), P.lat, P.lng), clockAt(min(3)), loc('d1', min(3), P.lat, P.lng)]);
    expect(kinds(e)).toEqual([]);
  });

  it('is not raised for an offline driver', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), loc('d1', sec(0), P.lat, P.lng), offline('d1', sec(30)), clockAt(min(5))]);
    expect(kinds(e)).toEqual([]);
  });
});

describe('order_at_risk', () => {
  // The driver is 0.1 degrees (11.1 km) from the pickup: about 35 minutes away at 25 km/h.
  const farAway = [loc('d1', sec(0), 41.25, -8.61), created('o1', sec(0), { promisedTs: min(10) }), assigned('o1', sec(1), 'd1')];

  it('is raised at the first tick once the ETA passes the promise', () => {
    const e = feed(new Engine(), [...farAway, clockAt(sec(0) + tickMs)]);
    expect(alertsBody(e).alerts.filter((a) => a.kind === 'order_at_risk')).toEqual([
      expect.objectContaining({ entityId: 'o1', since: sec(0) + tickMs, lat: 41.25, lng: -8.61 }),
    ]);
  });

  it('is not raised before a tick has evaluated it', () => {
    const e = feed(new Engine(), [...farAway, clockAt(sec(0) + tickMs - 1)]);
    expect(kinds(e)).not.toContain('order_at_risk:o1');
  });

  it('is not raised when the ETA is within the promise', () => {
    const e = feed(new Engine(), [loc('d1', sec(0), P.lat, P.lng), created('o1', sec(0), { promisedTs: min(10) }), assigned('o1', sec(1), 'd1'), clockAt(sec(0) + tickMs)]);
    expect(kinds(e)).not.toContain('order_at_risk:o1');
  });

  it('is cleared at the next tick once the driver is back on time', () => {
    const e = feed(new Engine(), [...farAway, clockAt(sec(0) + tickMs), loc('d1', sec(0) + tickMs, P.lat, P.lng), clockAt(sec(0) + 2 * tickMs)]);
    expect(kinds(e)).not.toContain('order_at_risk:o1');
  });

  it('is cleared once the order is delivered', () => {
    const e = feed(new Engine(), [...farAway, clockAt(sec(0) + tickMs), pickedUp('o1', sec(0) + tickMs), delivered('o1', sec(0) + tickMs + 1), clockAt(sec(0) + 2 * tickMs)]);
    expect(kinds(e)).not.toContain('order_at_risk:o1');
  });
});

describe('undersupplied_zone', () => {
  const CELL = latLngToCell(P.lat, P.lng, 8);
  const orders = (n: number) => Array.from({ length: n }, (_, i) => created(`o${i}`, sec(0)));

  it('is raised at a tick when demand exceeds supply by 3', () => {
    const e = feed(new Engine(), [...orders(3), clockAt(sec(0) + tickMs)]);
    expect(alertsBody(e).alerts).toEqual([expect.objectContaining({ kind: 'undersupplied_zone', entityId: CELL, since: sec(0) + tickMs })]);
  });

  it('is not raised when demand exceeds supply by less than 3', () => {
    const e = feed(new Engine(), [...orders(3), loc('d1', sec(0), P.lat, P.lng), clockAt(sec(0) + tickMs)]);
    expect(kinds(e)).toEqual([]);
  });

  it('is cleared at the next tick once demand is served', () => {
    const e = feed(new Engine(), [...orders(3), clockAt(sec(0) + tickMs), assigned('o0', sec(0) + tickMs, 'd1'), clockAt(sec(0) + 2 * tickMs)]);
    expect(kinds(e)).not.toContain(`undersupplied_zone:${CELL}`);
  });

  it('keeps its first since while it stays open', () => {
    const e = feed(new Engine(), [...orders(3), clockAt(sec(0) + tickMs), clockAt(sec(0) + 5 * tickMs)]);
    expect(alertsBody(e).alerts[0].since).toBe(sec(0) + tickMs);
  });
});

describe('alerts body', () => {
  it('lists the open alerts oldest first with the contract fields', () => {
    const e = feed(new Engine(), [online('d1', sec(0)), loc('d1', sec(0), 41.2, -8.6), ...[0, 1, 2].map((i) => created(`o${i}`, sec(0))), clockAt(sec(0) + tickMs), clockAt(min(3))]);
    const body = alertsBody(e);
    expect(body.ts).toBe(min(3));
    expect(body.alerts.map((a) => a.kind)).toEqual(['undersupplied_zone', 'stale_driver']);
    for (const a of body.alerts) expect(Object.keys(a).sort()).toEqual(['entityId', 'id', 'kind', 'lat', 'lng', 'message', 'since']);
  });
});
