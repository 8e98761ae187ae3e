'use client';

import type { MetricsBody } from '../lib/api-types';
import { usePolledJson } from './use-polled-json';

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <span className="value">{value}</span>
      <span className="label">{label}</span>
    </div>
  );
}

/** The live counts of the fleet, read from GET /api/metrics every second. */
export function LiveCounts() {
  const { data: m, connection, error } = usePolledJson<MetricsBody>('/api/metrics', 1000);
  const eventTime = m && m.ts ? new Date(m.ts).toLocaleString() : 'no events yet';
  return (
    <section aria-label="Live counts">
      <div className="status-line">
        <span className={`badge ${connection === 'live' ? 'live' : connection === 'down' ? 'down' : 'stale'}`} data-testid="connection">
          {connection === 'live' ? 'live' : connection === 'down' ? 'server unreachable' : 'connecting'}
        </span>
        <span data-testid="event-time">event time: {eventTime}</span>
        {error && connection === 'down' && <span>{error}</span>}
      </div>
      <div className="kpi-groups">
        <div className="kpi-group">
          <h2>Drivers</h2>
          <div className="kpis">
            <Kpi testId="drivers-online" label="online" value={fmt(m?.drivers.online)} />
            <Kpi testId="drivers-idle" label="idle" value={fmt(m?.drivers.idle)} />
            <Kpi testId="drivers-busy" label="busy" value={fmt(m?.drivers.busy)} />
          </div>
        </div>
        <div className="kpi-group">
          <h2>Orders</h2>
          <div className="kpis">
            <Kpi testId="orders-open" label="open" value={fmt(m?.orders.open)} />
            <Kpi testId="orders-unassigned" label="unassigned" value={fmt(m?.orders.unassigned)} />
            <Kpi testId="orders-created-per-min" label="created / min" value={fmt(m?.orders.createdPerMin, 1)} />
            <Kpi testId="orders-delivered-per-min" label="delivered / min" value={fmt(m?.orders.deliveredPerMin, 1)} />
            <Kpi testId="on-time" label="on time (5 min)" value={pct(m?.onTimeRate ?? null)} />
            <Kpi testId="eta-mae" label="ETA error (1 h)" value={m?.eta.maeSeconds == null ? '—' : `${fmt(m.eta.maeSeconds / 60, 1)} min`} />
          </div>
        </div>
        <div className="kpi-group">
          <h2>Ingest</h2>
          <div className="kpis">
            <Kpi testId="ingest-rate" label="events / s" value={fmt(m?.ingest.eventsPerSec, 1)} />
            <Kpi testId="ingest-accepted" label="accepted" value={fmt(m?.ingest.accepted)} />
            <Kpi testId="ingest-late" label="late" value={fmt(m?.ingest.late)} />
            <Kpi testId="ingest-duplicates" label="duplicates" value={fmt(m?.ingest.duplicates)} />
            <Kpi testId="ingest-rejected" label="rejected" value={fmt(m?.ingest.rejected)} />
            <Kpi testId="ingest-dead-letters" label="dead letters" value={fmt(m?.ingest.deadLetters)} />
          </div>
        </div>
      </div>
      <p className="hint">
        Producers send events with <code>POST /api/ingest</code>; the read API is under <code>/api</code> (see docs/api.md).
      </p>
    </section>
  );
}
