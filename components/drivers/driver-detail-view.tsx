'use client';

import { useMemo } from 'react';
import type { DriverDetail } from '../../lib/api-types';
import { statusTimeline } from '../../lib/status-timeline';
import { speedSeries } from '../../lib/trail-speed';
import { fmt } from '../kpi/format';
import { DriverMiniMapLoader } from './driver-mini-map-loader';
import { DriverOrders } from './driver-orders';
import { DriverStats } from './driver-stats';
import { SpeedChart } from './speed-chart';
import { StatusTimeline } from './status-timeline';
import styles from './drivers.module.css';

/**
 * Everything about one driver below its header: map with trail, stats, speed over time, status
 * timeline and orders. The same view serves the live page (/drivers/[id]) and the expanded side
 * panel (live and replay): it only reads the detail it is given.
 */
export function DriverDetailView({ detail, nowTs, tileUrl }: { detail: DriverDetail; nowTs: number; tileUrl: string }) {
  const speeds = useMemo(() => speedSeries(detail.trail), [detail.trail]);
  const bands = useMemo(
    () => statusTimeline({ orders: detail.orders, trail: detail.trail, status: detail.status, lastFixTs: detail.ts, nowTs }),
    [detail, nowTs],
  );
  const current = detail.orders.find((o) => o.id === detail.orderId) ?? null;
  const trailMinutes = detail.trail.length > 1 ? (detail.trail[detail.trail.length - 1][0] - detail.trail[0][0]) / 60_000 : 0;
  return (
    <>
      <div className={styles.grid}>
        <section className={styles.panel} aria-label="Map">
          <h2 className={styles.panelTitle}>Trail{trailMinutes >= 1 ? ` · last ${fmt(trailMinutes)} min` : ''}</h2>
          <DriverMiniMapLoader
            trail={detail.trail}
            position={detail.lat !== null && detail.lng !== null ? { lat: detail.lat, lng: detail.lng } : null}
            status={detail.status}
            pickup={current && current.status === 'assigned' ? current.pickup : null}
            dropoff={current ? current.dropoff : null}
            tileUrl={tileUrl}
          />
        </section>
        <div className={styles.stack}>
          <section className={styles.panel} aria-label="Stats">
            <h2 className={styles.panelTitle}>Since online</h2>
            <DriverStats stats={detail.stats} />
          </section>
          <section className={styles.panel} aria-label="Speed over time">
            <h2 className={styles.panelTitle}>Speed over time</h2>
            <SpeedChart points={speeds} />
          </section>
        </div>
      </div>
      <section className={styles.panel} aria-label="Status timeline">
        <h2 className={styles.panelTitle}>Status timeline</h2>
        <StatusTimeline bands={bands} />
      </section>
      <section className={styles.panel} aria-label="Orders">
        <h2 className={styles.panelTitle}>Orders · ETA predicted vs actual</h2>
        <DriverOrders orders={detail.orders} nowTs={nowTs} />
      </section>
    </>
  );
}
