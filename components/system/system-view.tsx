'use client';

import { useMemo } from 'react';
import type { DeadLettersBody, LatencySummary, SystemBody } from '../../lib/api-types';
import { chartRows, pointsInRange } from '../../lib/chart-series';
import { formatBytes, formatMs, formatUptime } from '../../lib/system-format';
import { EVENTS_CHART } from '../charts/chart-defs';
import { SeriesChart } from '../charts/series-chart';
import { useThrottled } from '../charts/use-throttled';
import { useFeedValue } from '../feed/feed-provider';
import { fmt } from '../kpi/format';
import { ConnectionBadge } from '../shell/connection-badge';
import { usePolledJson } from '../use-polled-json';
import { DeadLetters } from './dead-letters';
import styles from './system.module.css';

function Stat({ label, value, testId, tone, hint }: { label: string; value: string; testId?: string; tone?: 'ok' | 'warn' | 'bad'; hint?: string }) {
  return (
    <div className={styles.stat} data-testid={testId} title={hint}>
      <span className={`${styles.value} ${tone ? styles[tone] : ''}`}>{value}</span>
      <span className={styles.label}>{label}</span>
    </div>
  );
}

const latency = (l: LatencySummary | undefined) => (l && l.count ? `${formatMs(l.p50)} / ${formatMs(l.p99)}` : '—');
const countTone = (n: number | undefined) => (n ? 'warn' : undefined);

/**
 * The server's health for whoever runs it: rates and counts from the live feed's metrics (pushed
 * every second), process figures from GET /api/system and the dead letters from
 * GET /api/dead-letters, both polled every 2 s.
 */
export function SystemView() {
  const m = useFeedValue('metrics', (s) => s.metrics);
  const sys = usePolledJson<SystemBody>('/api/system', 2000);
  const dead = usePolledJson<DeadLettersBody>('/api/dead-letters?limit=50', 2000);
  const s = sys.data;
  const series = useThrottled(
    useFeedValue('series', (f) => f.series),
    1000,
  );
  const lastHour = useMemo(() => chartRows(pointsInRange(series, '1h'), 1, true), [series]);
  const windowLabel = s ? (s.latencyWindowSeconds >= 60 ? `last ${formatUptime(s.latencyWindowSeconds)}` : 'since start') : '';
  return (
    <div className={styles.page}>
      <div className={styles.titleRow}>
        <h1 className={styles.title}>System</h1>
        <ConnectionBadge />
        {s && (
          <span className={styles.meta} data-testid="system-meta">
            {s.mode === 'redis' ? 'Redis mode' : 'embedded mode'} · up {formatUptime(s.uptimeSeconds)}
          </span>
        )}
        {sys.connection === 'down' && (
          <span className={`badge down ${styles.pollError}`} role="status" title={sys.error ?? undefined}>
            server unreachable
          </span>
        )}
      </div>

      <section className={styles.card} aria-labelledby="sys-ingest">
        <h2 id="sys-ingest">Ingest</h2>
        <div className={styles.stats}>
          <Stat testId="sys-rate" label="events / s (5 min)" value={fmt(m?.ingest.eventsPerSec, 1)} />
          <Stat testId="sys-accepted" label="accepted since start" value={fmt(m?.ingest.accepted)} />
          <Stat testId="sys-latency-http" label={`HTTP latency p50 / p99${windowLabel ? ` (${windowLabel})` : ''}`} value={latency(s?.ingestLatencyMs.http)} hint={s ? `${fmt(s.ingestLatencyMs.http.count)} requests` : undefined} />
          <Stat testId="sys-latency-socket" label="socket batch p50 / p99" value={latency(s?.ingestLatencyMs.socket)} hint={s ? `${fmt(s.ingestLatencyMs.socket.count)} batches` : undefined} />
        </div>
        <div className={styles.chart}>
          <SeriesChart def={EVENTS_CHART} rows={lastHour} bucketMinutes={1} />
        </div>
      </section>

      <section className={styles.card} aria-labelledby="sys-quality">
        <h2 id="sys-quality">Events that did not go as sent</h2>
        <div className={styles.stats}>
          <Stat testId="sys-late" label="late (outside windows)" value={fmt(m?.ingest.late)} tone={countTone(m?.ingest.late)} />
          <Stat testId="sys-rejected" label="rejected (invalid)" value={fmt(m?.ingest.rejected)} tone={m?.ingest.rejected ? 'bad' : undefined} />
          <Stat testId="sys-duplicates" label="duplicates dropped" value={fmt(m?.ingest.duplicates)} />
          <Stat testId="sys-dead-letters" label="dead letters" value={fmt(m?.ingest.deadLetters)} tone={m?.ingest.deadLetters ? 'bad' : undefined} />
        </div>
      </section>

      <section className={styles.card} aria-labelledby="sys-serving">
        <h2 id="sys-serving">Serving</h2>
        <div className={styles.stats}>
          <Stat testId="sys-clients" label="live / replay viewers" value={s ? `${s.clients.live} / ${s.clients.replay}` : '—'} hint={s ? `${s.clients.ingest} producers on /ingest` : undefined} />
          <Stat testId="sys-push" label="push latency p50 / p99" value={latency(s?.pushLatencyMs)} />
          <Stat testId="sys-lag" label="event-loop delay p50 / p99" value={s ? `${formatMs(s.eventLoopLagMs.p50)} / ${formatMs(s.eventLoopLagMs.p99)}` : '—'} tone={s && (s.eventLoopLagMs.p99 ?? 0) > 100 ? 'warn' : undefined} />
          <Stat testId="sys-memory" label="memory RSS / heap" value={s ? `${formatBytes(s.memory.rssBytes)} / ${formatBytes(s.memory.heapUsedBytes)}` : '—'} />
          <Stat
            testId="sys-log"
            label={s?.log.kind === 'redis' ? 'Redis stream, lag' : 'event log on disk'}
            value={!s ? '—' : s.log.kind === 'redis' ? `${fmt(s.log.lagEvents)} events` : `${formatBytes(s.log.bytes)} · ${fmt(s.log.segments)} seg.`}
            tone={s && !s.log.writable ? 'bad' : undefined}
            hint={s ? (s.log.writable ? 'accepting writes' : 'NOT accepting writes') : undefined}
          />
          <Stat testId="sys-sent" label="sent to viewers" value={s ? formatBytes(s.socketBytesSent) : '—'} />
        </div>
      </section>

      <DeadLetters body={dead.data} />
    </div>
  );
}
