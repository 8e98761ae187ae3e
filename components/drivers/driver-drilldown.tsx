'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { DriversBody } from '../../lib/api-types';
import { ID_PATTERN } from '../../lib/events';
import { useFeed, useFeedValue, useWatchedDriver } from '../feed/feed-provider';
import { ConnectionBadge } from '../shell/connection-badge';
import { DriverDetailView } from './driver-detail-view';
import { DriverFacts } from './driver-facts';
import { LAST_VIEW_KEY } from './last-view';
import { StatusChip } from './status-chip';
import { useFleetNow } from './use-fleet-now';
import styles from './drivers.module.css';

/** How long the socket gets to push a watched driver before the page asks whether it exists. */
const EXISTS_CHECK_AFTER_MS = 1000;

/**
 * The live drill-down of one driver, pushed over the socket on every change. The socket says
 * nothing about an id it does not know, so when no detail came soon after connecting, one read of
 * GET /api/drivers tells an unknown id (a 200 either way: no error in the console for a typo).
 */
export function DriverDrilldown({ id, tileUrl }: { id: string; tileUrl: string }) {
  const valid = ID_PATTERN.test(id);
  const feed = useFeed();
  // This page draws one driver, pushed as `driver` events: ask for no fleet `vehicles` (a box
  // of zero size at 0,0), which with thousands of vehicles is most of the socket's traffic.
  useEffect(() => {
    feed.setViewport([0, 0, 0, 0]);
    return () => feed.setViewport(null);
  }, [feed]);
  const detail = useWatchedDriver(valid ? id : null);
  const connection = useFeedValue('connection', (s) => s.connection);
  const [known, setKnown] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const arrived = detail !== null;

  useEffect(() => {
    if (!valid || arrived || connection !== 'live') return;
    let stopped = false;
    const timer = setTimeout(() => {
      fetch('/api/drivers', { cache: 'no-store' })
        .then(async (res) => {
          if (!res.ok) throw new Error(`the server answered ${res.status}`);
          const body = (await res.json()) as DriversBody;
          if (!stopped) setKnown(body.drivers.some((d) => d.id === id));
        })
        .catch((err: Error) => !stopped && setError(err.message));
    }, EXISTS_CHECK_AFTER_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, valid, arrived, connection]);

  const nowTs = useFleetNow(detail);
  const back = useBackToTable();

  if (!detail && (!valid || known === false)) {
    return (
      <div className={styles.notFound} role="alert" data-testid="driver-not-found">
        <h1>No such driver</h1>
        <p>
          No driver with the id <b>{id}</b> has reported to this server. Check the id, or find the driver in the table.
        </p>
        <Link href={back}>← All drivers</Link>
      </div>
    );
  }

  return (
    <div className={styles.page}>
      <Link href={back} className={styles.back}>
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
      ) : error ? (
        <p className="error-box" role="alert">
          Could not look this driver up: {error}. The page keeps listening and shows the driver as soon as it reports.
        </p>
      ) : (
        <p className="hint">Loading the driver…</p>
      )}
    </div>
  );
}

/** The drivers table as the person last left it (search, filter, sort, page), else the bare table. */
function useBackToTable(): string {
  const [href, setHref] = useState('/drivers');
  useEffect(() => {
    const last = sessionStorage.getItem(LAST_VIEW_KEY);
    if (last?.startsWith('/drivers')) setHref(last);
  }, []);
  return href;
}
