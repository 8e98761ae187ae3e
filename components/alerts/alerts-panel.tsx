'use client';

import { useState } from 'react';
import { ALERT_KINDS, alertAge, countByKind, groupAlerts, kindInfo } from '../../lib/alert-groups';
import type { Alert, OrderView } from '../../lib/api-types';
import { useSelection } from '../dashboard/selection';
import { useFeed, useFeedValue } from '../feed/feed-provider';
import styles from './alerts-panel.module.css';

/** Alerts shown per group before "show all" (the side column stays readable with a hundred open). */
const PER_GROUP = 5;
/** and at most this many in one filtered list */
const MAX_LISTED = 200;

/**
 * The open alerts from the feed (live or replay), counted and filtered by kind, longest open
 * first. Each is a button: the map flies to where it is, and a driver's alert selects the
 * driver (an order's selects its driver when the live API knows it).
 */
export function AlertsPanel() {
  const body = useFeedValue('alerts', (s) => s.alerts);
  const { source } = useFeed();
  const { selectedId, select, flyTo } = useSelection();
  const [filter, setFilter] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [activeId, setActiveId] = useState<string | null>(null);

  const alerts = body?.alerts ?? [];
  const now = body?.ts ?? 0;
  const counts = countByKind(alerts);
  const groups = groupAlerts(filter ? alerts.filter((a) => a.kind === filter) : alerts);
  const kinds = [...ALERT_KINDS.map((k) => k.kind), ...[...counts.keys()].filter((k) => !ALERT_KINDS.some((x) => x.kind === k))];

  const open = (a: Alert) => {
    setActiveId(a.id);
    const info = kindInfo(a.kind);
    if (a.lat !== null && a.lng !== null) flyTo(a.lat, a.lng, info.zoom);
    if (info.selects === 'driver') select(a.entityId);
    else if (info.selects === 'order_driver' && source.kind === 'live') {
      // Replay has no read API of its past orders: there the alert's position is all there is.
      void fetch(`/api/orders/${encodeURIComponent(a.entityId)}`, { cache: 'no-store' })
        .then((r) => (r.ok ? (r.json() as Promise<OrderView>) : null))
        .then((o) => o?.driverId && select(o.driverId))
        .catch(() => undefined);
    }
  };

  return (
    <section className={styles.panel} aria-label="Alerts" data-testid="alerts-panel" data-selected={selectedId ?? ''}>
      <header className={styles.head}>
        <h2 className={styles.title}>Alerts</h2>
        <span className={`${styles.total} ${alerts.length ? styles.hot : ''}`} data-testid="alerts-total">
          {body ? alerts.length : '—'}
        </span>
      </header>
      <div className={styles.filters} role="group" aria-label="Show alerts of kind">
        <button type="button" aria-pressed={filter === null} onClick={() => setFilter(null)}>
          All <b>{alerts.length}</b>
        </button>
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={filter === k}
            data-kind={k}
            className={styles[k] ?? ''}
            disabled={!counts.get(k) && filter !== k}
            onClick={() => setFilter(filter === k ? null : k)}
          >
            {kindInfo(k).label} <b>{counts.get(k) ?? 0}</b>
          </button>
        ))}
      </div>
      {!body ? (
        <p className={styles.note}>Waiting for the feed…</p>
      ) : !groups.length ? (
        <p className={styles.note} data-testid="alerts-empty">
          {filter ? `No ${kindInfo(filter).label.toLowerCase()} now.` : 'All clear: no open alerts.'}
        </p>
      ) : (
        groups.map(({ info, alerts: list }) => {
          const all = filter !== null || expanded.has(info.kind);
          const shown = list.slice(0, all ? MAX_LISTED : PER_GROUP);
          return (
            <div key={info.kind} className={styles.group} data-kind={info.kind}>
              {filter === null && (
                <h3 className={styles.groupHead}>
                  <i className={`${styles.dot} ${styles[info.kind] ?? ''}`} />
                  {info.label} <span>{list.length}</span>
                </h3>
              )}
              <ul className={styles.list}>
                {shown.map((a) => {
                  const active = a.id === activeId || (info.selects === 'driver' && a.entityId === selectedId);
                  return (
                    <li key={a.id}>
                      <button
                        type="button"
                        className={`${styles.item} ${styles[info.kind] ?? ''}`}
                        aria-current={active ? 'true' : undefined}
                        data-testid="alert"
                        data-alert-id={a.id}
                        onClick={() => open(a)}
                        title={a.lat === null ? 'No position known' : 'Show on the map'}
                      >
                        <span className={styles.message}>{a.message}</span>
                        <span className={styles.age}>{alertAge(a.since, now)}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
              {list.length > shown.length && (
                <button type="button" className={styles.more} onClick={() => setExpanded(new Set(expanded).add(info.kind))}>
                  Show all {list.length}
                </button>
              )}
            </div>
          );
        })
      )}
    </section>
  );
}
