'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { DriverDetail } from '../../lib/api-types';
import { ID_PATTERN } from '../../lib/events';
import { useWatchedDriver } from '../feed/feed-provider';
import { ConnectionBadge } from '../shell/connection-badge';
import { DriverDetailView } from './driver-detail-view';
import { DriverFacts } from './driver-facts';
import { StatusChip } from './status-chip';
import { useFleetNow } from './use-fleet-now';
import styles from './drivers.module.css';

type Lookup = { kind: 'found'; detail: DriverDetail } | { kind: 'missing' } | { kind: 'error'; message: string };

/**
 * The live drill-down of one driver. The socket pushes the driver on every change; one plain read
 * of GET /api/drivers/:id answers first (and tells an unknown id, which the socket cannot).
 */
export function DriverDrilldown({ id, tileUrl }: { id: string; tileUrl: string }) {
  const valid = ID_PATTERN.test(id);
  const pushed = useWatchedDriver(valid ? id : null);
  const [lookup, setLookup] = useState<Lookup | null>(null);

  useEffect(() => {
    if (!valid) return;
    let stopped = false;
    fetch(`/api/drivers/${encodeURIComponent(id)}`, { cache: 'no-store' })
      .then(async (res) => {
        const next: Lookup =
          res.status === 404
            ? { kind: 'missing' }
            : res.ok
              ? { kind: 'found', detail: (await res.json()) as DriverDetail }
              : { kind: 'error', message: `the server answered ${res.status}` };
        if (!stopped) setLookup(next);
      })
      .catch((err: Error) => !stopped && setLookup({ kind: 'error', message: err.message }));
    return () => {
      stopped = true;
    };
  }, [id, valid]);

  const detail = pushed ?? (lookup?.kind === 'found' ? lookup.detail : null);
  const nowTs = useFleetNow(detail);

  if (!detail && (!valid || lookup?.kind === 'missing')) {
    return (
      <div className={styles.notFound} role="alert" data-testid="driver-not-found">
        <h1>No such driver</h1>
        <p>
          No driver with the id <b>{id}</b> has reported to this server. Check the id, or find the driver in the table.
        </p>
        <Link href="/drivers">← All drivers</Link>
      </div>
    );
  }

  return (
    <div className={styles.page}>
      <Link href="/drivers" className={styles.back}>
        ← All drivers
      </Link>
      <div className={styles.titleLine}>
        <h1 data-testid="driver-title">{detail?.name ?? id}</h1>
        {detail?.name && <span className={styles.sub}>{id}</span>}
        {detail && <StatusChip status={detail.status} />}
        <ConnectionBadge />
      </div>
      {detail ? (
        <>
          <DriverFacts detail={detail} nowTs={nowTs} />
          <DriverDetailView detail={detail} nowTs={nowTs} tileUrl={tileUrl} />
        </>
      ) : lookup?.kind === 'error' ? (
        <p className="error-box" role="alert">
          Could not load this driver: {lookup.message}. The page keeps listening and shows it as soon as it arrives.
        </p>
      ) : (
        <p className="hint">Loading the driver…</p>
      )}
    </div>
  );
}
