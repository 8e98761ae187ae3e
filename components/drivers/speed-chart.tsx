'use client';

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SpeedPoint } from '../../lib/trail-speed';
import { clockTime } from '../kpi/format';
import styles from './drivers.module.css';

const hhmm = (ts: number) => clockTime(ts).slice(0, 5);
const tooltipStyle = { background: 'var(--panel)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--text)', fontSize: '0.8rem' };

/**
 * Speed per minute over the trail, km/h. The points change only when the trail does (a new fix),
 * so the chart redraws at most once per fix of one driver.
 */
export function SpeedChart({ points }: { points: SpeedPoint[] }) {
  if (points.length < 2) return <p className={styles.note}>Speeds appear once the driver has sent a few fixes.</p>;
  return (
    <div className={styles.chart} data-testid="speed-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="ts" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={hhmm} minTickGap={36} />
          <YAxis width={52} allowDecimals={false} tickFormatter={(v: number) => `${v}`} label={{ value: 'km/h', angle: -90, position: 'insideLeft', offset: 12 }} />
          <Tooltip
            contentStyle={tooltipStyle}
            labelFormatter={(ts) => `${hhmm(Number(ts))} (minute)`}
            formatter={(v) => [v === null || v === undefined ? '—' : `${v} km/h`, 'speed']}
          />
          <Line dataKey="kph" stroke="#1f6feb" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The same speeds as a tiny area without axes, for the side panel, with its span and top speed. */
export function SpeedSparkline({ points }: { points: SpeedPoint[] }) {
  const known = points.filter((p): p is { ts: number; kph: number } => p.kph !== null);
  if (known.length < 2) return <p className={styles.note}>Speeds appear once the driver has sent a few fixes.</p>;
  const [w, h, pad] = [300, 44, 2];
  const t0 = known[0].ts;
  const span = Math.max(1, known[known.length - 1].ts - t0);
  const top = Math.max(...known.map((p) => p.kph));
  // Headroom above the top speed, so a steady driver is a line, not a filled box.
  const scale = Math.max(10, top * 1.25);
  const xy = known.map((p) => [((p.ts - t0) / span) * (w - 2 * pad) + pad, h - pad - (p.kph / scale) * (h - 2 * pad)] as const);
  const line = xy.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const area = `${line} L${xy[xy.length - 1][0].toFixed(1)},${h} L${xy[0][0].toFixed(1)},${h} Z`;
  const minutes = Math.round(span / 60_000);
  return (
    <div>
      <div className={styles.sparkCaption}>
        <span>speed, last {minutes} min</span>
        <span>top {Math.round(top)} km/h</span>
      </div>
      <svg className={styles.spark} viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" role="img" aria-label={`speed over the last ${minutes} minutes, up to ${Math.round(top)} km/h`} data-testid="speed-sparkline">
        <path d={area} fill="#1f6feb" fillOpacity={0.12} stroke="none" />
        <path d={line} fill="none" stroke="#1f6feb" strokeWidth={2} vectorEffect="non-scaling-stroke" />
      </svg>
    </div>
  );
}
