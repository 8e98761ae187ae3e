'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import type { DriversBody, DriverStatus } from '../../lib/api-types';
import { STATUS_COLORS, STATUS_LABELS, STATUS_ORDER } from '../../lib/driver-status';
import { agoText, driverQueryString, driverTableView, fixAgeMs, type DriverQuery, type SortKey } from '../../lib/driver-table';
import { clockTime, fmt } from '../kpi/format';
import { usePolledJson } from '../use-polled-json';
import { LAST_VIEW_KEY } from './last-view';
import { StatusChip } from './status-chip';
import styles from './drivers.module.css';

const COLUMNS: { key: SortKey; label: string; num?: boolean }[] = [
  { key: 'id', label: 'Driver' },
  { key: 'name', label: 'Name' },
  { key: 'status', label: 'Status' },
  { key: 'speed', label: 'Speed', num: true },
  { key: 'age', label: 'Last fix', num: true },
  { key: 'order', label: 'Current order' },
];

/** Every driver, refreshed every 2 s, with search, status filter, sort and pages kept in the URL. */
export function DriversTable({ initial }: { initial: DriverQuery }) {
  const router = useRouter();
  const { data, connection, error } = usePolledJson<DriversBody>('/api/drivers', 2000);
  const [query, setQuery] = useState(initial);

  // The view lives in the URL: a reload or a shared link shows the same table.
  useEffect(() => {
    const qs = driverQueryString(query);
    const url = qs ? `${window.location.pathname}?${qs}` : window.location.pathname;
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
    // A driver's page links back to this view, not to the bare table.
    sessionStorage.setItem(LAST_VIEW_KEY, url);
  }, [query]);

  const view = useMemo(() => (data ? driverTableView(data.drivers, query, data.ts) : null), [data, query]);
  const update = (patch: Partial<DriverQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  const sortBy = (key: SortKey) => setQuery((q) => ({ ...q, page: 1, sort: key, dir: q.sort === key && q.dir === 'asc' ? 'desc' : 'asc' }));
  const open = (id: string) => router.push(`/drivers/${encodeURIComponent(id)}`);

  return (
    <div className={styles.page}>
      <div className={styles.head}>
        <h1>Drivers</h1>
        <span className={styles.sub} data-testid="drivers-summary">
          {data ? `${fmt(data.drivers.length)} drivers · fleet clock ${clockTime(data.ts)}` : 'Loading drivers…'}
        </span>
        {connection === 'down' && (
          <span className={`${styles.sub} ${styles.stale}`} role="status" title={error ?? undefined}>
            server unreachable, showing the last answer
          </span>
        )}
      </div>

      <div className={styles.toolbar}>
        <input
          className={styles.search}
          type="search"
          placeholder="Search by id or name"
          aria-label="Search drivers by id or name"
          value={query.q}
          onChange={(e) => update({ q: e.target.value })}
        />
        <div className={styles.filter} role="group" aria-label="Filter by status">
          <FilterButton label="All" count={view?.searched} pressed={query.status === 'all'} onClick={() => update({ status: 'all' })} />
          {STATUS_ORDER.map((s) => (
            <FilterButton key={s} status={s} label={STATUS_LABELS[s]} count={view?.counts[s]} pressed={query.status === s} onClick={() => update({ status: s })} />
          ))}
        </div>
        <select
          className={styles.sortSelect}
          aria-label="Sort by"
          value={`${query.sort}:${query.dir}`}
          onChange={(e) => {
            const [sort, dir] = e.target.value.split(':') as [SortKey, 'asc' | 'desc'];
            update({ sort, dir });
          }}
        >
          {COLUMNS.flatMap((c) => [
            <option key={`${c.key}:asc`} value={`${c.key}:asc`}>{`${c.label} ↑`}</option>,
            <option key={`${c.key}:desc`} value={`${c.key}:desc`}>{`${c.label} ↓`}</option>,
          ])}
        </select>
      </div>

      <div className={styles.tableWrap}>
        <table className={`${styles.table} ${styles.driversTable}`} data-testid="drivers-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  className={`${styles.th} ${c.num ? styles.num : ''}`}
                  aria-sort={query.sort === c.key ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  scope="col"
                >
                  <button type="button" onClick={() => sortBy(c.key)}>
                    {c.label}
                    <span aria-hidden>{query.sort === c.key ? (query.dir === 'asc' ? '▲' : '▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view?.rows.map((d) => (
              <tr key={d.id} className={styles.row} data-driver={d.id} onClick={() => open(d.id)}>
                <td className={styles.idCell}>
                  <Link href={`/drivers/${encodeURIComponent(d.id)}`} onClick={(e) => e.stopPropagation()}>
                    {d.id}
                  </Link>
                </td>
                <td>{d.name ?? <span className={styles.muted}>—</span>}</td>
                <td>
                  <StatusChip status={d.status} />
                </td>
                <td className={styles.num} data-label="Speed">
                  {d.speedKph === null ? '—' : `${fmt(d.speedKph)} km/h`}
                </td>
                <td className={styles.num} data-label="Last fix">
                  {agoText(fixAgeMs(d, data!.ts))}
                </td>
                <td data-label="Order">{d.orderId ?? <span className={styles.muted}>—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {view && view.rows.length === 0 && (
          <p className={styles.empty} data-testid="drivers-empty">
            {data!.drivers.length === 0 ? 'No drivers have reported yet.' : 'No driver matches this search and filter.'}
          </p>
        )}
      </div>

      {view && view.pages > 1 && (
        <div className={styles.pager}>
          <button type="button" disabled={view.page <= 1} onClick={() => setQuery((q) => ({ ...q, page: view.page - 1 }))}>
            Previous
          </button>
          <span>
            Page {view.page} of {view.pages} · {fmt(view.matching)} drivers
          </span>
          <button type="button" disabled={view.page >= view.pages} onClick={() => setQuery((q) => ({ ...q, page: view.page + 1 }))}>
            Next
          </button>
        </div>
      )}
    </div>
  );
}

function FilterButton({ label, count, pressed, onClick, status }: { label: string; count: number | undefined; pressed: boolean; onClick: () => void; status?: DriverStatus }) {
  return (
    <button type="button" aria-pressed={pressed} onClick={onClick} data-filter={status ?? 'all'}>
      {status && <i style={{ background: STATUS_COLORS[status] }} aria-hidden />}
      {label}
      <span className={styles.count}>{count ?? '…'}</span>
    </button>
  );
}
