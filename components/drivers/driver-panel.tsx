'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import { speedSeries } from '../../lib/trail-speed';
import { useSelection } from '../dashboard/selection';
import { useFeed, useWatchedDriver } from '../feed/feed-provider';
import { fmt } from '../kpi/format';
import { DriverDetailView } from './driver-detail-view';
import { currentOrderText, DriverFacts } from './driver-facts';
import { DriverStats } from './driver-stats';
import { SpeedSparkline } from './speed-chart';
import { StatusChip } from './status-chip';
import { useFleetNow } from './use-fleet-now';
import styles from './drivers.module.css';

/**
 * The dashboard's selected driver: who, what it does now, key figures and a speed sparkline, read
 * from the page's feed, so it works live and in replay alike. "Details" opens the full drill-down
 * (map, stats, speed, timeline, orders) over the page, which is how replay drills down; live also
 * links to the driver's own page. Nothing when no driver is selected.
 */
export function DriverPanel({ tileUrl }: { tileUrl: string }) {
  const { selectedId, select, flyTo } = useSelection();
  const { source } = useFeed();
  const detail = useWatchedDriver(selectedId);
  const nowTs = useFleetNow(detail);
  const speeds = useMemo(() => (detail ? speedSeries(detail.trail) : []), [detail]);
  const [expanded, setExpanded] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (expanded && !d.open) d.showModal();
    if (!expanded && d.open) d.close();
  }, [expanded, detail]);

  if (!selectedId) return null;
  const close = () => {
    setExpanded(false);
    select(null);
  };
  const title = detail?.name ?? selectedId;

  return (
    <section className={`${styles.panel} ${styles.side}`} aria-label="Selected driver" data-testid="driver-panel">
      <div className={styles.sideHead}>
        <div style={{ minWidth: 0 }}>
          <div className={styles.sideName}>{title}</div>
          {detail?.name && <div className={styles.sideId}>{selectedId}</div>}
        </div>
        {detail && <StatusChip status={detail.status} />}
        <button type="button" className={styles.close} onClick={close} aria-label="Close the driver panel" title="Close">
          ×
        </button>
      </div>
      {!detail ? (
        <p className={styles.note}>Loading the driver…</p>
      ) : (
        <>
          <div className={styles.sideFacts}>
            <div>
              <span>speed</span>
              <b>{detail.speedKph === null ? '—' : `${fmt(detail.speedKph)} km/h`}</b>
            </div>
            <div>
              <span>current order</span>
              <b data-testid="panel-order">{currentOrderText(detail, nowTs)}</b>
            </div>
          </div>
          <DriverStats stats={detail.stats} only={['distanceKm', 'deliveries', 'onTimeRate', 'utilization', 'idleMinutes', 'avgSpeedKph']} />
          <SpeedSparkline points={speeds} />
          <div className={styles.actions}>
            <button type="button" onClick={() => setExpanded(true)} aria-haspopup="dialog">
              Details
            </button>
            {detail.lat !== null && detail.lng !== null && (
              <button type="button" onClick={() => flyTo(detail.lat!, detail.lng!, 16)}>
                Show on map
              </button>
            )}
            {source.kind === 'live' && <Link href={`/drivers/${encodeURIComponent(selectedId)}`}>Open drill-down →</Link>}
          </div>
          <dialog
            ref={dialog}
            className={styles.dialog}
            onClose={() => setExpanded(false)}
            // Escape closes the dialog only: the map's Escape (clear the selection) stays out of it.
            onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}
            aria-label={`Driver ${title}`}
          >
            {expanded && (
              <div className={styles.dialogBody} data-testid="driver-dialog">
                <div className={styles.titleLine}>
                  <h1>{title}</h1>
                  {detail.name && <span className={styles.sub}>{selectedId}</span>}
                  <StatusChip status={detail.status} />
                  <button type="button" className={styles.close} onClick={() => setExpanded(false)} aria-label="Close the details">
                    ×
                  </button>
                </div>
                <DriverFacts detail={detail} nowTs={nowTs} />
                <DriverDetailView detail={detail} nowTs={nowTs} tileUrl={tileUrl} />
              </div>
            )}
          </dialog>
        </>
      )}
    </section>
  );
}
