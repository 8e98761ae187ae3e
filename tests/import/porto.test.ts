import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FleetEvent, LocationEvent, OrderEvent } from '../../lib/events';
import { validateEvent } from '../../lib/validate';
import { Engine } from '../../server/engine/engine';
import { alertsBody, metricsBody, orderBody } from '../../server/engine/views';
import { importPortoCsv } from '../../server/import/porto';
import { splitCsvLine } from '../../server/import/csv';
import { PORTO_DIR } from '../roads/porto-data';

const TRIPS = `${PORTO_DIR}/porto_taxi/porto_train_first1500.csv`;
const hasTrips = fs.existsSync(TRIPS);
if (!hasTrips && process.env.REQUIRE_PORTO_DATA === '1') throw new Error(`${TRIPS} is required (REQUIRE_PORTO_DATA=1)`);

const HEADER = 'TRIP_ID,CALL_TYPE,ORIGIN_CALL,ORIGIN_STAND,TAXI_ID,TIMESTAMP,DAY_TYPE,MISSING_DATA,POLYLINE';
const T = 1372636800; // 2013-07-01 00:00 UTC
const row = (trip: string, taxi: string, ts: number, poly: string, stand = '') => `${trip},B,,${stand},${taxi},${ts},A,False,"${poly}"`;
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

const ofType = <T extends FleetEvent['type']>(events: FleetEvent[], type: T) => events.filter((e) => e.type === type) as Extract<FleetEvent, { type: T }>[];

describe('splitCsvLine', () => {
  it('keeps commas inside quotes and reads doubled quotes as one', () => {
    expect(splitCsvLine('1,"[[1,2],[3,4]]",,"a ""b"""')).toEqual(['1', '[[1,2],[3,4]]', '', 'a "b"']);
    expect(splitCsvLine('a,')).toEqual(['a', '']);
    expect(splitCsvLine('a,"open')).toBeNull();
  });
});

describe('Porto importer on literal rows', () => {
  it('makes a trip an order created, assigned and picked up at its first fix and delivered at its last, with a fix every 15 s', () => {
    const { events, report } = importPortoCsv(csv(row('11', '5', T, '[[-8.61,41.15],[-8.611,41.151],[-8.612,41.152]]')));
    const orders = ofType(events, 'order');
    expect(orders.map((o) => [o.status, o.ts])).toEqual([
      ['created', T * 1000],
      ['assigned', T * 1000],
      ['picked_up', T * 1000],
      ['delivered', T * 1000 + 30_000],
    ]);
    expect(orders[0]).toMatchObject({ orderId: '11', pickup: { lat: 41.15, lng: -8.61 }, dropoff: { lat: 41.152, lng: -8.612 } });
    expect(orders[1].driverId).toBe('5');
    expect(ofType(events, 'location').map((l) => [l.ts, l.lat, l.lng])).toEqual([
      [T * 1000, 41.15, -8.61],
      [T * 1000 + 15_000, 41.151, -8.611],
      [T * 1000 + 30_000, 41.152, -8.612],
    ]);
    // Seen only while carrying: online for the trip, offline at its end.
    expect(ofType(events, 'driver').map((d) => [d.status, d.ts])).toEqual([
      ['online', T * 1000],
      ['offline', T * 1000 + 30_000],
    ]);
    expect(report).toMatchObject({ rows: 1, trips: 1, taxis: 1, fixes: 3, events: 9, dropped: {} });
    for (const e of events) expect(validateEvent(e).ok).toBe(true);
  });

  it('drops a row with an empty polyline, and says why', () => {
    const { events, report } = importPortoCsv(csv(row('1', '5', T, '[]'), row('2', '5', T + 100, '[[-8.61,41.15]]')));
    expect(report.dropped).toEqual({ 'empty polyline': 1 });
    expect(report.trips).toBe(1);
    expect(new Set(ofType(events, 'order').map((o) => o.orderId))).toEqual(new Set(['2']));
  });

  it('reads float-formatted ids (7.0) as integers', () => {
    const { events, report } = importPortoCsv(csv(row('3.0', '20000589.0', T, '[[-8.61,41.15]]', '7.0')));
    expect(ofType(events, 'location')[0].driverId).toBe('20000589');
    expect(ofType(events, 'order')[0].orderId).toBe('3');
    expect(report.kept.floatIds).toBe(2);
  });

  it('sorts the output by ts when rows are out of time order', () => {
    const { events, report } = importPortoCsv(
      csv(row('2', '6', T + 600, '[[-8.61,41.15],[-8.611,41.15]]'), row('1', '5', T, '[[-8.62,41.15],[-8.621,41.15],[-8.622,41.15]]')),
    );
    const ts = events.map((e) => e.ts);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(report.kept.outOfOrderRows).toBe(1);
    // A trip's opening events come before its first fix, its delivery after its last.
    const first = events.filter((e) => e.ts === T * 1000).map((e) => (e.type === 'location' ? 'location' : (e as OrderEvent).status));
    expect(first).toEqual(['online', 'created', 'assigned', 'picked_up', 'location']);
  });

  it('keeps a GPS jump (the engine flags it) and counts it', () => {
    // 0.05 degrees of latitude in 15 s: 5.6 km, some 1,300 km/h.
    const { events, report } = importPortoCsv(csv(row('1', '5', T, '[[-8.61,41.15],[-8.61,41.2],[-8.61,41.2001]]')));
    expect(report.kept.gpsJumps).toBe(1);
    expect(ofType(events, 'location')).toHaveLength(3);
    const engine = new Engine();
    for (const e of events) engine.ingest(e);
    expect(alertsBody(engine).alerts.map((a) => a.kind)).toContain('gps_jump');
  });

  it('drops bad rows and bad fixes by reason, keeping the fix numbering of the rest', () => {
    const { events, report } = importPortoCsv(
      csv(
        row('1', '5', T, '[[-8.61,41.15],[-8.61,99],[-8.612,41.152]]'),
        row('2', '5', Number.NaN, '[[-8.61,41.15]]'),
        row('3', 'taxi 5', T, '[[-8.61,41.15]]'),
        row('4', '5', T, 'not json'),
        row('1', '6', T, '[[-8.61,41.15]]'),
        '5,B,,,5',
        '6,B,,,5,1372636800,A,False,"[[-8.61,41.15]',
      ),
    );
    expect(report.dropped).toEqual({
      'fix with coordinates out of range': 1,
      'bad TIMESTAMP': 1,
      'bad TAXI_ID': 1,
      'bad POLYLINE': 1,
      'duplicate TRIP_ID': 1,
      'malformed CSV row': 2,
    });
    expect(report.rows).toBe(7);
    // The third fix keeps its time: TIMESTAMP + 2 × 15 s.
    expect(ofType(events, 'location').map((l) => l.ts)).toEqual([T * 1000, T * 1000 + 30_000]);
  });

  it('makes one online stretch of overlapping trips of a taxi', () => {
    const { events, report } = importPortoCsv(
      csv(row('1', '5', T, '[[-8.61,41.15],[-8.611,41.15],[-8.612,41.15]]'), row('2', '5', T + 20, '[[-8.612,41.15],[-8.613,41.15]]')),
    );
    expect(report.kept.overlappingTrips).toBe(1);
    expect(ofType(events, 'driver').map((d) => [d.status, d.ts])).toEqual([
      ['online', T * 1000],
      ['offline', T * 1000 + 35_000],
    ]);
  });

  it('drops a second fix of a taxi at the same time as one it already has', () => {
    const { events, report } = importPortoCsv(
      csv(row('1', '5', T, '[[-8.61,41.15],[-8.611,41.15],[-8.612,41.15]]'), row('2', '5', T + 30, '[[-8.612,41.15],[-8.613,41.15]]')),
    );
    expect(report.dropped).toEqual({ 'fix at the same time as another of the same taxi': 1 });
    const locs: LocationEvent[] = ofType(events, 'location');
    expect(locs.map((l) => l.ts - T * 1000)).toEqual([0, 15_000, 30_000, 45_000]);
    expect(locs[2].lng).toBe(-8.612);
  });
});

describe.skipIf(!hasTrips)('Porto importer on the first 1,500 trips', () => {
  const { events, report } = hasTrips ? importPortoCsv(fs.readFileSync(TRIPS, 'utf8')) : (null as never);

  it('imports the README counts: 1,500 rows, 3 empty polylines dropped, 352 taxis, every fix accounted for', () => {
    expect(report.rows).toBe(1500);
    expect(report.trips).toBe(1497);
    expect(report.taxis).toBe(352);
    expect(report.dropped['empty polyline']).toBe(3);
    // 71,697 fixes in the file: two are a second fix of a taxi at the same time (overlapping trips).
    expect(report.fixes + (report.dropped['fix at the same time as another of the same taxi'] ?? 0)).toBe(71_697);
    expect(report.dropped).toEqual({ 'empty polyline': 3, 'fix at the same time as another of the same taxi': 2 });
    // a location per fix, four order events per trip, and online/offline pairs
    const drivers = ofType(events, 'driver').length;
    expect(report.events).toBe(report.fixes + 4 * report.trips + drivers);
    expect(ofType(events, 'location')).toHaveLength(report.fixes);
    expect(ofType(events, 'order')).toHaveLength(4 * 1497);
    // The README counts 236 steps over 180 km/h with another earth radius; ours finds 234.
    expect(report.kept.gpsJumps).toBeGreaterThanOrEqual(230);
    expect(report.kept.gpsJumps).toBeLessThanOrEqual(240);
    expect(report.startTs).toBe(Date.UTC(2013, 6, 1, 0, 0, 53));
    expect(report.endTs! - report.startTs!).toBeLessThan(11 * 3_600_000);
  });

  it('writes events sorted by ts, all valid, that the engine replays with every trip delivered', () => {
    for (let i = 1; i < events.length; i++) expect(events[i].ts >= events[i - 1].ts).toBe(true);
    const engine = new Engine();
    for (const e of events) {
      expect(validateEvent(e).ok).toBe(true);
      engine.ingest(e);
    }
    const delivered = ofType(events, 'order').filter((o) => o.status === 'delivered');
    expect(delivered.every((o) => orderBody(engine, o.orderId)!.status === 'delivered')).toBe(true);
    expect(engine.counters.deadLetters).toBe(0);
    expect(metricsBody(engine).drivers.online).toBe(0);
  });
});
