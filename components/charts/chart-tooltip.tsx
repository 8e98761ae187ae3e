'use client';

import type { TooltipContentProps } from 'recharts';
import { hhmm, withUnit } from '../../lib/chart-series';
import type { SeriesDef } from './chart-defs';
import styles from './chart-panel.module.css';

/** The hovered minute (or bucket) and each series' value with its unit. */
export function ChartTooltip({ active, payload, label, series, bucketMinutes }: Partial<TooltipContentProps> & { series: SeriesDef[]; bucketMinutes: number }) {
  if (!active || !payload?.length || typeof label !== 'number') return null;
  const row = payload[0].payload as Record<string, number | null>;
  return (
    <div className={styles.tooltip} data-testid="chart-tooltip">
      <div className={styles.tooltipTime}>
        {hhmm(label)}
        {bucketMinutes > 1 ? `–${hhmm(label + bucketMinutes * 60_000)} (average)` : ''}
      </div>
      {series.map((s) => (
        <div key={s.key} className={styles.tooltipRow}>
          <i className={styles.swatch} style={{ background: s.color }} />
          <span>{s.name}</span>
          <b>{withUnit(row[s.key], s.unit)}</b>
        </div>
      ))}
    </div>
  );
}
