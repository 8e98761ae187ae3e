import type { DriverStats as Stats } from '../../lib/api-types';
import { fmt, pct } from '../kpi/format';
import styles from './drivers.module.css';

/** The driver's figures since it came online (contract: GET /api/drivers/:id `stats`). */
export function DriverStats({ stats, only }: { stats: Stats; only?: readonly (keyof Stats)[] }) {
  const all: { key: keyof Stats; label: string; value: string }[] = [
    { key: 'distanceKm', label: 'distance', value: `${fmt(stats.distanceKm, 1)} km` },
    { key: 'deliveries', label: 'deliveries', value: fmt(stats.deliveries) },
    { key: 'onTimeRate', label: 'on time', value: pct(stats.onTimeRate) },
    { key: 'utilization', label: 'utilization', value: pct(stats.utilization) },
    { key: 'idleMinutes', label: 'idle', value: `${fmt(stats.idleMinutes)} min` },
    { key: 'avgSpeedKph', label: 'average speed', value: stats.avgSpeedKph === null ? '—' : `${fmt(stats.avgSpeedKph)} km/h` },
  ];
  return (
    <div className={styles.stats} data-testid="driver-stats">
      {all
        .filter((s) => !only || only.includes(s.key))
        .map((s) => (
          <div key={s.key} className={styles.stat} data-stat={s.key}>
            <span className={styles.statValue}>{s.value}</span>
            <span className={styles.statLabel}>{s.label}</span>
          </div>
        ))}
    </div>
  );
}
