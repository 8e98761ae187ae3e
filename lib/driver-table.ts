/**
 * The drivers table's search, status filter, sort and paging, as pure functions of the rows and a
 * query; the query round-trips through the URL (`?q=&status=&sort=&dir=&page=`) so a view survives
 * a reload and can be shared.
 */
import type { DriverStatus, DriverSummary } from './api-types';
import { STATUS_ORDER } from './driver-status';

export type SortKey = 'id' | 'name' | 'status' | 'speed' | 'age' | 'order';
export const SORT_KEYS: readonly SortKey[] = ['id', 'name', 'status', 'speed', 'age', 'order'];
export type SortDir = 'asc' | 'desc';

export interface DriverQuery {
  /** matched, case-insensitively, anywhere in the id or the name */
  q: string;
  status: DriverStatus | 'all';
  sort: SortKey;
  dir: SortDir;
  /** 1-based */
  page: number;
}

export const DEFAULT_QUERY: DriverQuery = { q: '', status: 'all', sort: 'id', dir: 'asc', page: 1 };
export const PAGE_SIZE = 50;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

const one = (p: Params, key: string): string | undefined => {
  const v = p instanceof URLSearchParams ? (p.get(key) ?? undefined) : p[key];
  return Array.isArray(v) ? v[0] : v;
};

/** Reads a query from URL parameters; anything missing or unknown falls back to the default. */
export function parseDriverQuery(p: Params): DriverQuery {
  const status = one(p, 'status');
  const sort = one(p, 'sort');
  const dir = one(p, 'dir');
  const page = Number(one(p, 'page'));
  return {
    q: (one(p, 'q') ?? '').slice(0, 100),
    status: (STATUS_ORDER as readonly string[]).includes(status ?? '') ? (status as DriverStatus) : 'all',
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : DEFAULT_QUERY.sort,
    dir: dir === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The query as URL parameters, defaults left out ('' for the default view). */
export function driverQueryString(q: DriverQuery): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.status !== 'all') p.set('status', q.status);
  if (q.sort !== DEFAULT_QUERY.sort) p.set('sort', q.sort);
  if (q.dir !== DEFAULT_QUERY.dir) p.set('dir', q.dir);
  if (q.page > 1) p.set('page', String(q.page));
  return p.toString();
}

/** Rows whose id or name contains the search text (case-insensitive; blank matches all). */
export function searchDrivers<T extends Pick<DriverSummary, 'id' | 'name'>>(rows: readonly T[], text: string): T[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return rows.slice();
  return rows.filter((r) => r.id.toLowerCase().includes(needle) || (r.name ?? '').toLowerCase().includes(needle));
}

/** How many rows have each status, for the filter's counts. */
export function statusCounts(rows: readonly Pick<DriverSummary, 'status'>[]): Record<DriverStatus, number> {
  const out: Record<DriverStatus, number> = { idle: 0, to_pickup: 0, to_dropoff: 0, offline: 0 };
  for (const r of rows) out[r.status]++;
  return out;
}

/** Age of the newest fix at the fleet's clock `nowTs`, ms; null without a fix. */
export const fixAgeMs = (r: Pick<DriverSummary, 'ts'>, nowTs: number): number | null => (r.ts === null ? null : Math.max(0, nowTs - r.ts));

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Sorted by one column; rows without a value (no name, no speed, no fix, no order) go last in
 * either direction, and ties fall back to the id so the order is stable between refreshes.
 */
export function sortDrivers<T extends DriverSummary>(rows: readonly T[], key: SortKey, dir: SortDir, nowTs: number): T[] {
  const value = (r: T): string | number | null => {
    switch (key) {
      case 'id': return r.id;
      case 'name': return r.name;
      case 'status': return STATUS_ORDER.indexOf(r.status);
      case 'speed': return r.speedKph;
      case 'age': return fixAgeMs(r, nowTs);
      case 'order': return r.orderId;
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (a: string | number, b: string | number) => (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b)));
  return rows
    .map((r) => ({ r, v: value(r) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) {
        if (a.v !== b.v) return a.v === null ? 1 : -1;
      } else {
        const c = cmp(a.v, b.v);
        if (c !== 0) return sign * c;
      }
      return collator.compare(a.r.id, b.r.id);
    })
    .map((x) => x.r);
}

export interface DriverTableView<T> {
  /** the rows of the current page */
  rows: T[];
  /** rows matching search and filter, over all pages */
  matching: number;
  /** per status, among the rows matching the search (so the filter shows what each choice yields) */
  counts: Record<DriverStatus, number>;
  /** all rows matching the search, whatever their status */
  searched: number;
  page: number;
  pages: number;
}

/** Search, then counts, then status filter, sort and page: the whole table from one query. */
export function driverTableView<T extends DriverSummary>(all: readonly T[], q: DriverQuery, nowTs: number, pageSize = PAGE_SIZE): DriverTableView<T> {
  const searched = searchDrivers(all, q.q);
  const counts = statusCounts(searched);
  const filtered = q.status === 'all' ? searched : searched.filter((r) => r.status === q.status);
  const sorted = sortDrivers(filtered, q.sort, q.dir, nowTs);
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(q.page, pages);
  return { rows: sorted.slice((page - 1) * pageSize, page * pageSize), matching: sorted.length, counts, searched: searched.length, page, pages };
}

/** A fix age for people: "now", "12 s", "4 min", "2 h 5 min", or "—" without a fix. */
export function formatAge(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 2) return 'now';
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** "12 s ago", "just now", or "—" without a fix. */
export function agoText(ms: number | null): string {
  const age = formatAge(ms);
  return ms === null ? age : age === 'now' ? 'just now' : `${age} ago`;
}
