import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/engine/engine';
import { driversBody, metricsBody, orderBody, seriesBody } from '../../server/engine/views';
import { created, feed, lifecycle, loc, min, sec } from '../support/events';

/** Moves the engine clock without touching orders. */
const clockAt = (ts: number) => loc('clock', ts, 41.2, -8.6);

describe('lateness', () => {
  it('an event more than the allowed lateness behind the newest is accepted and counted late', () => {
    const e = new Engine();
    e.ingest(clockAt(min(10)));
    expect(e.ingest(created('o1', min(7)))).toBe('accepted');
    expect(metricsBody(e).ingest.late).toBe(1);
  });

  it('an event exactly the allowed lateness behind the newest is not late', () => {
    const e = feed(new Engine(), [clockAt(min(10)), created('o1', min(8))]);
    expect(metricsBody(e).ingest.late).toBe(0);
  });

  it('a late event is left out of the rolling windows', () => {
    const e = feed(new Engine(), [clockAt(min(10)), created('o1', min(7) - 1), created('o2', min(8))]);
    expect(metricsBody(e).orders.createdPerMin).toBe(0.2);
  });

  it('a late event is left out of eventsPerSec', () => {
    const late = [created('o1', min(7)), created('o2', min(7) + 1), created('o3', min(7) + 2)];
    const e = feed(new Engine(), [clockAt(min(10)), ...late]);
    expect(metricsBody(e).ingest.eventsPerSec).toBe(0);
  });

  it('an older event within the lateness counts in the rolling windows', () => {
    const e = feed(new Engine(), [loc('d1', min(10), 41.15, -8.61), loc('d1', min(8), 41.151, -8.61), loc('d1', min(9), 41.152, -8.61)]);
    // 3 events in 300 s
    expect(metricsBody(e).ingest).toMatchObject({ late: 0, eventsPerSec: 0.01 });
  });

  it('a late event still updates entity state: its order transitions apply', () => {
    const e = feed(new Engine(), [clockAt(min(30)), ...lifecycle('o1', 'd1', [min(1), min(2), min(3), min(4)])]);
    expect(orderBody(e, 'o1')).toMatchObject({ status: 'delivered', deliveredTs: min(4) });
  });

  it('a late event still updates entity state: a late older location does not move the driver back', () => {
    const e = feed(new Engine(), [loc('d1', min(10), 41.152, -8.61), loc('d1', min(1), 41.15, -8.61)]);
    expect(driversBody(e).drivers[0]).toMatchObject({ lat: 41.152, ts: min(10) });
  });

  it('a late event is still counted in the per-minute series of its own minute', () => {
    const e = feed(new Engine(), [clockAt(min(10)), created('o1', min(1) + 5)]);
    expect(seriesBody(e).points.find((p) => p.ts === min(1))).toMatchObject({ created: 1, events: 1 });
  });

  it('the allowed lateness is configurable', () => {
    const e = feed(new Engine({ allowedLatenessMs: 10_000 }), [clockAt(sec(30)), created('o1', sec(19))]);
    expect(metricsBody(e).ingest.late).toBe(1);
  });
});
