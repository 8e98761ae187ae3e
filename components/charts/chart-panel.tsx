'use client';

import { useMemo, useRef, useState } from 'react';
import { bucketFor, CHART_RANGES, chartRows, hhmm, pointsInRange, sameRows, type ChartRange, type ChartRow } from '../../lib/chart-series';
import { seriesCsv, seriesCsvFilename } from '../../lib/series-csv';
import { useFeedValue } from '../feed/feed-provider';
import { CHARTS } from './chart-defs';
import { downloadText } from './download';
import { SeriesChart } from './series-chart';
import { useThrottled } from './use-throttled';
import styles from './chart-panel.module.css';

/**
 * The day's per-minute series as five small charts (orders, drivers, supply and demand, on-time,
 * ETA error), from the feed's `series`: the same in live and replay. The range picks the stretch
 * shown, counted back from the newest minute; "Download CSV" saves exactly those minutes.
 */
export function ChartPanel() {
  const series = useThrottled(
    useFeedValue('series', (s) => s.series),
    1000,
  );
  const [range, setRange] = useState<ChartRange>('3h');
  const points = useMemo(() => pointsInRange(series, range), [series, range]);
  const bucketMinutes = range === 'day' ? bucketFor(points.length) : 1;
  // The newest minute is the one in progress, live and in replay alike.
  const fresh = useMemo(() => chartRows(points, bucketMinutes, true), [points, bucketMinutes]);
  // The same picture keeps the same array, so the memoized charts skip the redraw.
  const kept = useRef<ChartRow[]>(fresh);
  if (!sameRows(kept.current, fresh)) kept.current = fresh;
  const rows = kept.current;
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <section className={styles.panel} aria-label="Charts" data-testid="chart-panel" data-points={points.length}>
      <header className={styles.head}>
        <h2 className={styles.title}>Per minute</h2>
        <span className={styles.span}>
          {first && last ? `${hhmm(first.ts)}–${hhmm(last.ts)} UTC` : 'waiting for data'}
          {bucketMinutes > 1 ? ` · ${bucketMinutes}-min averages` : ''}
        </span>
        <div className={styles.tools}>
          <div className={styles.ranges} role="group" aria-label="Time range">
            {CHART_RANGES.map((r) => (
              <button key={r.id} type="button" aria-pressed={range === r.id} onClick={() => setRange(r.id)}>
                {r.label}
              </button>
            ))}
          </div>
          <button type="button" className={styles.download} disabled={!points.length} onClick={() => downloadText(seriesCsv({ points }), seriesCsvFilename(points))}>
            Download CSV
          </button>
        </div>
      </header>
      <div className={styles.grid}>
        {CHARTS.map((def) => (
          <SeriesChart key={def.id} def={def} rows={rows} bucketMinutes={bucketMinutes} />
        ))}
      </div>
    </section>
  );
}
