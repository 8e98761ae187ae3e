'use client';

import { memo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { compactNumber, hhmm, latestValue, timeTicks, withUnit, type ChartRow } from '../../lib/chart-series';
import type { ChartDef } from './chart-defs';
import { ChartTooltip } from './chart-tooltip';
import styles from './chart-panel.module.css';

/** About one time label per this many pixels of width. */
const PX_PER_TICK = 55;

const AXIS_TICK = { fill: 'var(--muted)', fontSize: 11 };

/**
 * One small chart: a title, a legend that also shows the newest value, and the lines. Memoized
 * on its rows, so it redraws only when the panel hands it new ones (at most once a second).
 * No animation: a redraw every second would otherwise be a constant wobble.
 */
export const SeriesChart = memo(function SeriesChart({ def, rows, bucketMinutes }: { def: ChartDef; rows: ChartRow[]; bucketMinutes: number }) {
  const [width, setWidth] = useState(240);
  const last = rows[rows.length - 1];
  const from = rows[0]?.ts ?? 0;
  const to = last?.ts ?? 0;
  const hasValues = def.series.some((s) => latestValue(rows, s.key) !== null);
  const ticks = timeTicks(from, to, Math.max(2, Math.floor((width - 40) / PX_PER_TICK)));
  return (
    <figure className={styles.chart} data-testid={`chart-${def.id}`} aria-label={def.title}>
      <figcaption className={styles.chartHead}>
        <span className={styles.chartTitle}>{def.title}</span>
        <ul className={styles.legend}>
          {def.series.map((s) => (
            <li key={s.key}>
              <i className={s.dashed ? `${styles.swatch} ${styles.dashed}` : styles.swatch} style={{ background: s.color }} />
              {s.name} <b>{withUnit(latestValue(rows, s.key), s.unit)}</b>
            </li>
          ))}
        </ul>
      </figcaption>
      <div className={styles.plot}>
        {rows.length > 0 && !hasValues && <p className={styles.overlay}>{def.empty ?? 'No values in this range yet'}</p>}
        {rows.length ? (
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 240, height: 120 }} onResize={(w) => setWidth(w)}>
            <LineChart data={rows} margin={{ top: 6, right: 10, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--border)" vertical={false} />
              <XAxis
                dataKey="ts"
                type="number"
                scale="time"
                domain={[from, to]}
                ticks={ticks}
                tickFormatter={hhmm}
                tick={AXIS_TICK}
                stroke="var(--border)"
                tickLine={false}
                minTickGap={8}
              />
              <YAxis
                width={36}
                tick={AXIS_TICK}
                stroke="var(--border)"
                tickLine={false}
                axisLine={false}
                allowDecimals={!def.counts}
                domain={def.domain ?? [0, 'auto']}
                ticks={def.domain ? [0, 50, 100] : undefined}
                tickFormatter={compactNumber}
                tickCount={4}
              />
              <Tooltip
                content={(p) => <ChartTooltip {...p} series={def.series} bucketMinutes={bucketMinutes} />}
                cursor={{ stroke: 'var(--muted)', strokeDasharray: '3 3' }}
                isAnimationActive={false}
              />
              {def.series.map((s) => (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  unit={s.unit}
                  type="linear"
                  stroke={s.color}
                  strokeWidth={1.6}
                  strokeDasharray={s.dashed ? '4 3' : undefined}
                  dot={false}
                  activeDot={{ r: 3, fill: s.color, stroke: 'var(--panel)' }}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <p className={styles.empty}>No data yet</p>
        )}
      </div>
    </figure>
  );
});
