import { describe, expect, it } from 'vitest';
import type { DriverSummary } from '../../lib/api-types';
import { agoText, driverQueryString, driverTableView, formatAge, parseDriverQuery, searchDrivers, sortDrivers, statusCounts, DEFAULT_QUERY } from '../../lib/driver-table';

const d = (id: string, over: Partial<DriverSummary> = {}): DriverSummary => ({ id, name: null, status: 'idle', lat: 41, lng: -8, ts: 1000, speedKph: null, heading: null, orderId: null, ...over });

const rows = [
  d('d-10', { name: 'Ana', status: 'to_pickup', speedKph: 30, ts: 9_000, orderId: 'o-2' }),
  d('d-2', { name: 'bruno', status: 'idle', speedKph: 0, ts: 5_000 }),
  d('d-1', { name: null, status: 'offline', speedKph: null, ts: null }),
  d('x-7', { name: 'Carla', status: 'to_dropoff', speedKph: 45, ts: 10_000, orderId: 'o-1' }),
];
const ids = (r: DriverSummary[]) => r.map((x) => x.id);

describe('driver table query in the URL', () => {
  it('round-trips every field, leaving defaults out', () => {
    const q = { q: 'ana', status: 'to_pickup' as const, sort: 'speed' as const, dir: 'desc' as const, page: 3 };
    const s = driverQueryString(q);
    expect(s).toBe('q=ana&status=to_pickup&sort=speed&dir=desc&page=3');
    expect(parseDriverQuery(new URLSearchParams(s))).toEqual(q);
    expect(driverQueryString(DEFAULT_QUERY)).toBe('');
  });

  it('falls back to defaults for unknown or malformed values, from URLSearchParams or Next searchParams', () => {
    expect(parseDriverQuery({ status: 'busy', sort: 'colour', dir: 'up', page: '-2' })).toEqual(DEFAULT_QUERY);
    expect(parseDriverQuery({ status: ['idle', 'offline'], page: '2.5' })).toEqual({ ...DEFAULT_QUERY, status: 'idle' });
  });
});

describe('search, counts and sort', () => {
  it('searches id and name case-insensitively; blank matches all', () => {
    expect(ids(searchDrivers(rows, 'BRU'))).toEqual(['d-2']);
    expect(ids(searchDrivers(rows, 'x-'))).toEqual(['x-7']);
    expect(ids(searchDrivers(rows, '  '))).toHaveLength(4);
  });

  it('counts each status', () => {
    expect(statusCounts(rows)).toEqual({ idle: 1, to_pickup: 1, to_dropoff: 1, offline: 1 });
  });

  it('sorts ids naturally (d-2 before d-10) in both directions', () => {
    expect(ids(sortDrivers(rows, 'id', 'asc', 10_000))).toEqual(['d-1', 'd-2', 'd-10', 'x-7']);
    expect(ids(sortDrivers(rows, 'id', 'desc', 10_000))).toEqual(['x-7', 'd-10', 'd-2', 'd-1']);
  });

  it('puts rows without a value last in either direction', () => {
    expect(ids(sortDrivers(rows, 'speed', 'asc', 10_000))).toEqual(['d-2', 'd-10', 'x-7', 'd-1']);
    expect(ids(sortDrivers(rows, 'speed', 'desc', 10_000))).toEqual(['x-7', 'd-10', 'd-2', 'd-1']);
    expect(ids(sortDrivers(rows, 'name', 'asc', 10_000))).toEqual(['d-10', 'd-2', 'x-7', 'd-1']);
  });

  it('sorts by fix age (newest fix first ascending) and by status in display order', () => {
    expect(ids(sortDrivers(rows, 'age', 'asc', 10_000))).toEqual(['x-7', 'd-10', 'd-2', 'd-1']);
    expect(ids(sortDrivers(rows, 'status', 'asc', 10_000))).toEqual(['d-2', 'd-10', 'x-7', 'd-1']);
  });
});

describe('driverTableView', () => {
  it('counts among the searched rows, then filters by status and pages', () => {
    const many = Array.from({ length: 7 }, (_, i) => d(`d-${i + 1}`, { status: i % 2 ? 'idle' : 'to_pickup' }));
    const v = driverTableView(many, { ...DEFAULT_QUERY, status: 'to_pickup', page: 2 }, 0, 3);
    expect(v.counts).toEqual({ idle: 3, to_pickup: 4, to_dropoff: 0, offline: 0 });
    expect(v.matching).toBe(4);
    expect(v.pages).toBe(2);
    expect(ids(v.rows)).toEqual(['d-7']);
  });

  it('clamps a page past the end to the last page', () => {
    const v = driverTableView(rows, { ...DEFAULT_QUERY, page: 9 }, 0, 3);
    expect(v.page).toBe(2);
    expect(ids(v.rows)).toEqual(['x-7']);
  });
});

describe('formatAge', () => {
  it('reads like a person says it', () => {
    expect([null, 500, 12_000, 89_000, 240_000, 3_600_000, 7_500_000].map(formatAge)).toEqual(['—', 'now', '12 s', '89 s', '4 min', '60 min', '2 h 5 min']);
  });
});

describe('agoText', () => {
  it('says how long ago, or just now, or nothing without a fix', () => {
    expect([null, 300, 12_000].map(agoText)).toEqual(['—', 'just now', '12 s ago']);
  });
});
