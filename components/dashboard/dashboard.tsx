'use client';

import { AlertsPanel } from '../alerts/alerts-panel';
import { ChartPanel } from '../charts/chart-panel';
import { DriverPanel } from '../drivers/driver-panel';
import { EtaAccuracyPanel } from '../eta/eta-accuracy-panel';
import { KpiStrip } from '../kpi/kpi-strip';
import { FleetMapLoader } from '../map/fleet-map-loader';
import { ConnectionBadge } from '../shell/connection-badge';
import { SelectionProvider } from './selection';
import styles from './dashboard.module.css';

/**
 * The operations view, the same for live and replay (the FeedProvider above decides which):
 * KPIs on top, the map with the side panels, the charts below. `controls` is what the page adds
 * (the replay bar); `title` names the view.
 */
export function Dashboard({ tileUrl, title, controls }: { tileUrl: string; title: React.ReactNode; controls?: React.ReactNode }) {
  return (
    <SelectionProvider>
      <div className={styles.dashboard}>
        <div className={styles.titleRow}>
          <h1 className={styles.title}>{title}</h1>
          <ConnectionBadge />
        </div>
        {controls}
        <KpiStrip />
        <div className={styles.main}>
          <div className={styles.map}>
            <FleetMapLoader tileUrl={tileUrl} />
          </div>
          <aside className={styles.side} aria-label="Details">
            <DriverPanel tileUrl={tileUrl} />
            <AlertsPanel />
          </aside>
        </div>
        <ChartPanel />
        <EtaAccuracyPanel />
      </div>
    </SelectionProvider>
  );
}
