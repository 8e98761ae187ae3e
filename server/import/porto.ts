/**
 * The ECML/PKDD 2015 "Taxi Service Trajectory" (Porto) CSV as fleet events. Pure: lines in,
 * events and a report out; reading and writing files is the caller's (scripts/import.ts).
 *
 * One row is one completed trip: `TRIP_ID, CALL_TYPE, ORIGIN_CALL, ORIGIN_STAND, TAXI_ID,
 * TIMESTAMP, DAY_TYPE, MISSING_DATA, POLYLINE`, where POLYLINE is `[[lng, lat], ...]` and fix i was
 * taken at TIMESTAMP + 15 s × i. Each trip becomes an order, created, assigned to the taxi and
 * picked up at its first fix, delivered at its last (the drop-off is the last fix), and a location
 * at every fix. Taxis are seen only while carrying, so a taxi is online from the start of a trip to
 * its end (trips of one taxi that overlap in time make one online stretch).
 *
 * Quirks of the real file and what is done about them:
 *  - rows only roughly in time order (hours apart): all events are sorted by ts at the end;
 *  - empty POLYLINE (`[]`): the row is dropped ("empty polyline");
 *  - ids written as floats (`7.0`): TRIP_ID and TAXI_ID normalized to the integer (`7`); the
 *    columns CALL_TYPE, ORIGIN_CALL, ORIGIN_STAND and DAY_TYPE (wrong upstream) are not used;
 *  - CRLF line ends, a header line: accepted;
 *  - GPS jumps (a step implying more than 180 km/h): kept, as the producer sent them. The engine
 *    flags such steps itself (gps_jump alert, left out of distance and speeds), which is what
 *    happens to a real producer's jumps; dropping them here would hide that path from replays.
 *    They are counted in the report;
 *  - two fixes of one taxi at the same time (overlapping trips): the second is dropped;
 *  - anything unparseable (bad CSV, timestamp, id or polyline, coordinates out of range) is
 *    dropped and counted by reason.
 */
import type { FleetEvent, LatLng, OrderEvent } from '../../lib/events';
import { ID_PATTERN } from '../../lib/events';
import { haversineM } from '../../lib/geo';
import { splitCsvLine } from './csv';

/** Seconds between consecutive fixes of a trip. */
export const PORTO_FIX_EVERY_S = 15;
/** A step faster than this is reported as a GPS jump (the README's threshold). */
export const PORTO_JUMP_KPH = 180;

const COLUMNS = ['TRIP_ID', 'CALL_TYPE', 'ORIGIN_CALL', 'ORIGIN_STAND', 'TAXI_ID', 'TIMESTAMP', 'DAY_TYPE', 'MISSING_DATA', 'POLYLINE'] as const;

/** Reasons a row or a fix is dropped (the report counts each). */
export type DropReason =
  | 'malformed CSV row'
  | 'empty polyline'
  | 'bad POLYLINE'
  | 'bad TIMESTAMP'
  | 'bad TAXI_ID'
  | 'bad TRIP_ID'
  | 'duplicate TRIP_ID'
  | 'fix with coordinates out of range'
  | 'fix at the same time as another of the same taxi';

export interface PortoReport {
  /** data rows read (the header not counted) */
  rows: number;
  /** trips imported (rows not dropped) */
  trips: number;
  taxis: number;
  /** fixes imported (one location event each) */
  fixes: number;
  events: number;
  /** rows dropped by reason; fix-level reasons count fixes */
  dropped: Partial<Record<DropReason, number>>;
  /** quirks that were kept, counted */
  kept: {
    /** steps between consecutive fixes of a trip faster than 180 km/h */
    gpsJumps: number;
    /** rows whose TIMESTAMP is before that of an earlier row */
    outOfOrderRows: number;
    /** ids written as floats (`7.0`) and normalized */
    floatIds: number;
    /** trips starting before the previous trip of the same taxi ended */
    overlappingTrips: number;
    /** rows with MISSING_DATA true (kept: their fixes are real, only some are missing) */
    missingData: number;
  };
  /** first and last event times (null without events) */
  startTs: number | null;
  endTs: number | null;
}

interface Trip {
  tripId: string;
  taxiId: string;
  /** ms */
  startTs: number;
  /** kept fixes: index in the polyline, lat, lng */
  fixes: { i: number; lat: number; lng: number }[];
}

/** Sort rank of events at the same ts: a trip opens before its fixes and closes after them. */
const RANK = { online: 0, created: 1, assigned: 2, picked_up: 3, location: 4, delivered: 5, cancelled: 5, offline: 6 } as const;

function rankOf(e: FleetEvent): number {
  return e.type === 'location' ? RANK.location : RANK[e.status];
}

/**
 * Streams the CSV a line at a time (`addLine`), then `finish()` sorts and returns the events.
 *
 * @example
 *   const imp = new PortoImporter();
 *   for (const line of text.split('\n')) imp.addLine(line);
 *   const { events, report } = imp.finish();
 */
export class PortoImporter {
  private readonly trips: Trip[] = [];
  private readonly tripIds = new Set<string>();
  private col: Record<(typeof COLUMNS)[number], number> = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as never;
  private first = true;
  private maxStart = -Infinity;
  readonly report: PortoReport = {
    rows: 0,
    trips: 0,
    taxis: 0,
    fixes: 0,
    events: 0,
    dropped: {},
    kept: { gpsJumps: 0, outOfOrderRows: 0, floatIds: 0, overlappingTrips: 0, missingData: 0 },
    startTs: null,
    endTs: null,
  };

  private drop(reason: DropReason, n = 1): void {
    this.report.dropped[reason] = (this.report.dropped[reason] ?? 0) + n;
  }

  /** One line of the file (its line end may be left on). Blank lines are ignored. */
  addLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) return;
    const fields = splitCsvLine(line);
    if (this.first) {
      this.first = false;
      if (fields && fields.includes('TRIP_ID') && fields.includes('POLYLINE')) {
        for (const c of COLUMNS) {
          const i = fields.indexOf(c);
          if (i >= 0) this.col[c] = i;
        }
        return;
      }
    }
    this.report.rows++;
    if (!fields || fields.length < COLUMNS.length) return this.drop('malformed CSV row');
    const f = (c: (typeof COLUMNS)[number]) => (fields[this.col[c]] ?? '').trim();

    const tripId = this.id(f('TRIP_ID'));
    if (tripId === null) return this.drop('bad TRIP_ID');
    const taxiId = this.id(f('TAXI_ID'));
    if (taxiId === null) return this.drop('bad TAXI_ID');
    const seconds = Number(f('TIMESTAMP'));
    if (!f('TIMESTAMP') || !Number.isFinite(seconds) || seconds < 0 || seconds > 8.64e12) return this.drop('bad TIMESTAMP');
    let poly: unknown;
    try {
      poly = JSON.parse(f('POLYLINE'));
    } catch {
      return this.drop('bad POLYLINE');
    }
    if (!Array.isArray(poly)) return this.drop('bad POLYLINE');
    if (poly.length === 0) return this.drop('empty polyline');
    if (this.tripIds.has(tripId)) return this.drop('duplicate TRIP_ID');

    const fixes: Trip['fixes'] = [];
    let outOfRange = 0;
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i] as unknown;
      if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') return this.drop('bad POLYLINE');
      const [lng, lat] = p as [number, number];
      if (!(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180)) outOfRange++;
      else fixes.push({ i, lat, lng });
    }
    if (outOfRange) this.drop('fix with coordinates out of range', outOfRange);
    if (!fixes.length) return this.drop('empty polyline');

    const startTs = Math.round(seconds * 1000);
    if (startTs < this.maxStart) this.report.kept.outOfOrderRows++;
    this.maxStart = Math.max(this.maxStart, startTs);
    if (/^true$/i.test(f('MISSING_DATA'))) this.report.kept.missingData++;
    this.tripIds.add(tripId);
    this.trips.push({ tripId, taxiId, startTs, fixes });
  }

  /** An id as the contract wants it; a float-formatted integer (`7.0`) becomes `7`. */
  private id(raw: string): string | null {
    let s = raw;
    const m = /^(-?\d+)\.0*$/.exec(s);
    if (m) {
      s = m[1];
      this.report.kept.floatIds++;
    }
    return ID_PATTERN.test(s) ? s : null;
  }

  /** All events, sorted by ts (ties: a trip's opening events, fixes, then its closing events). */
  finish(): { events: FleetEvent[]; report: PortoReport } {
    const r = this.report;
    const events: FleetEvent[] = [];
    const byTaxi = new Map<string, Trip[]>();
    for (const t of this.trips) {
      let list = byTaxi.get(t.taxiId);
      if (!list) byTaxi.set(t.taxiId, (list = []));
      list.push(t);
    }
    for (const [taxiId, trips] of byTaxi) {
      trips.sort((a, b) => a.startTs - b.startTs || (a.tripId < b.tripId ? -1 : 1));
      const seen = new Set<number>();
      let sessionStart = NaN;
      let sessionEnd = -Infinity;
      for (const t of trips) {
        const ts = (fix: { i: number }) => t.startTs + fix.i * PORTO_FIX_EVERY_S * 1000;
        const kept = t.fixes.filter((fix) => {
          const at = ts(fix);
          if (seen.has(at)) return false;
          seen.add(at);
          return true;
        });
        if (kept.length < t.fixes.length) this.drop('fix at the same time as another of the same taxi', t.fixes.length - kept.length);
        if (!kept.length) {
          this.drop('empty polyline');
          continue;
        }
        const t0 = ts(kept[0]);
        const t1 = ts(kept[kept.length - 1]);
        if (t0 <= sessionEnd) {
          r.kept.overlappingTrips++;
          sessionEnd = Math.max(sessionEnd, t1);
        } else {
          if (Number.isFinite(sessionEnd)) events.push({ type: 'driver', driverId: taxiId, ts: sessionEnd, status: 'offline' });
          sessionStart = t0;
          sessionEnd = t1;
          events.push({ type: 'driver', driverId: taxiId, ts: sessionStart, status: 'online', name: `Taxi ${taxiId}` });
        }
        const pickup: LatLng = { lat: kept[0].lat, lng: kept[0].lng };
        const last = kept[kept.length - 1];
        const dropoff: LatLng = { lat: last.lat, lng: last.lng };
        const order = (status: OrderEvent['status'], at: number, extra: Partial<OrderEvent> = {}): OrderEvent => ({ type: 'order', orderId: t.tripId, ts: at, status, ...extra });
        events.push(order('created', t0, { pickup, dropoff }), order('assigned', t0, { driverId: taxiId }), order('picked_up', t0));
        for (let k = 0; k < kept.length; k++) {
          const fx = kept[k];
          events.push({ type: 'location', driverId: taxiId, ts: ts(fx), lat: fx.lat, lng: fx.lng });
          if (k > 0) {
            const prev = kept[k - 1];
            const kph = (haversineM(prev.lat, prev.lng, fx.lat, fx.lng) / ((fx.i - prev.i) * PORTO_FIX_EVERY_S)) * 3.6;
            if (kph > PORTO_JUMP_KPH) r.kept.gpsJumps++;
          }
        }
        events.push(order('delivered', t1));
        r.trips++;
        r.fixes += kept.length;
      }
      if (Number.isFinite(sessionEnd)) events.push({ type: 'driver', driverId: taxiId, ts: sessionEnd, status: 'offline' });
    }
    r.taxis = [...byTaxi.values()].filter((trips) => trips.length).length;
    // Stable: equal (ts, rank) keep the order they were made in (taxi by taxi, trip by trip).
    events.sort((a, b) => a.ts - b.ts || rankOf(a) - rankOf(b));
    r.events = events.length;
    r.startTs = events.length ? events[0].ts : null;
    r.endTs = events.length ? events[events.length - 1].ts : null;
    return { events, report: r };
  }
}

/** The events of a whole CSV text (tests, small files). */
export function importPortoCsv(text: string): { events: FleetEvent[]; report: PortoReport } {
  const imp = new PortoImporter();
  for (const line of text.split('\n')) imp.addLine(line);
  return imp.finish();
}

/** The report as lines of text for a person. */
export function formatPortoReport(r: PortoReport): string[] {
  const lines = [
    `${r.rows.toLocaleString('en-US')} rows: ${r.trips.toLocaleString('en-US')} trips by ${r.taxis} taxis, ${r.fixes.toLocaleString('en-US')} fixes, ${r.events.toLocaleString('en-US')} events`,
  ];
  if (r.startTs !== null && r.endTs !== null) lines.push(`from ${new Date(r.startTs).toISOString()} to ${new Date(r.endTs).toISOString()}`);
  const dropped = Object.entries(r.dropped);
  lines.push(dropped.length ? 'dropped:' : 'dropped: nothing');
  for (const [reason, n] of dropped) lines.push(`  ${String(n).padStart(6)}  ${reason}`);
  const k = r.kept;
  lines.push('kept as they are:');
  lines.push(`  ${String(k.gpsJumps).padStart(6)}  steps faster than ${PORTO_JUMP_KPH} km/h (GPS jumps; the engine flags them)`);
  lines.push(`  ${String(k.outOfOrderRows).padStart(6)}  rows out of time order (events sorted by ts)`);
  lines.push(`  ${String(k.floatIds).padStart(6)}  TRIP_ID or TAXI_ID written as floats (7.0 read as 7)`);
  lines.push(`  ${String(k.overlappingTrips).padStart(6)}  trips overlapping the same taxi's previous trip`);
  lines.push(`  ${String(k.missingData).padStart(6)}  rows marked MISSING_DATA`);
  return lines;
}
