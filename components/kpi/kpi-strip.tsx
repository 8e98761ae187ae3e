'use client';

import { useFeedValue } from '../feed/feed-provider';
import { duration, fmt, pct } from './format';
import styles from './kpi-strip.module.css';

function Kpi({ label, value, testId, tone }: { label: string; value: string; testId: string; tone?: 'ok' | 'warn' | 'bad' }) {
  return (
    <div className={styles.kpi} data-testid={testId}>
      <span className={`${styles.value} ${tone ? styles[tone] : ''} value`}>{value}</span>
      <span className={styles.label}>{label}</span>
    </div>
  );
}

const onTimeTone = (r: number | null | undefined) => (r == null ? undefined : r >= 0.9 ? 'ok' : r >= 0.75 ? 'warn' : 'bad');

/** The fleet at a glance: drivers, orders, service level and ingest, from the feed's `metrics`. */
export function KpiStrip() {
  const m = useFeedValue('metrics', (s) => s.metrics);
  return (
    <section className={styles.strip} aria-label="Key figures">
      <Kpi testId="drivers-online" label="drivers online" value={fmt(m?.drivers.online)} />
      <Kpi testId="drivers-idle" label="idle" value={fmt(m?.drivers.idle)} />
      <Kpi testId="drivers-busy" label="busy" value={fmt(m?.drivers.busy)} />
      <Kpi testId="orders-open" label="open orders" value={fmt(m?.orders.open)} />
      <Kpi testId="orders-unassigned" label="unassigned" value={fmt(m?.orders.unassigned)} tone={m && m.orders.unassigned > m.drivers.idle ? 'warn' : undefined} />
      <Kpi testId="orders-created-per-min" label="orders / min" value={fmt(m?.orders.createdPerMin, 1)} />
      <Kpi testId="on-time" label="on time (5 min)" value={pct(m?.onTimeRate)} tone={onTimeTone(m?.onTimeRate)} />
      <Kpi testId="eta-mae" label="ETA error (1 h)" value={duration(m?.eta.maeSeconds)} />
      <Kpi testId="ingest-rate" label="events / s" value={fmt(m?.ingest.eventsPerSec, 1)} />
    </section>
  );
}
