import type { ServerResponse } from 'node:http';
import type { LatencySummary, SystemBody } from '../../lib/api-types';
import { bucketDelta, bucketQuantile, type Bucket } from '../../lib/histogram';
import { Fleet } from '../fleet';
import type { LiveFleet } from '../fleet-types';
import type { Monitoring } from '../monitoring/metrics';
import { sendJson } from './respond';

/** Latencies cover about this much recent time once the process has been up that long. */
const WINDOW_MS = 5 * 60_000;
/** A window shorter than this says too little: until one this old exists, since start. */
const MIN_WINDOW_MS = 60_000;
/** Readings are remembered at most this often (the page polls every 2 s). */
const SAMPLE_EVERY_MS = 10_000;
/**
 * Node's delay histogram (monitorEventLoopDelay, prom-client's default 10 ms precision) records
 * whole timer periods: an idle loop reads about 10 ms. The period is taken off to show the delay.
 */
const DELAY_TIMER_MS = 10;

type Histograms = { http: Bucket[]; socket: Bucket[]; push: Bucket[] };

interface Sample {
  at: number;
  histograms: Histograms;
}

interface Value {
  value: number;
  labels: Partial<Record<string, string | number>>;
  metricName?: string;
}

/**
 * GET /api/system: this process's health for the System page. Every figure is read from the
 * Prometheus registry behind /metrics (no second set of counters), so the page and Prometheus
 * agree. Latency histograms are cumulative since start; the quantiles shown are of the
 * difference with a reading a few minutes old, so they describe now rather than the whole uptime.
 */
export class SystemStats {
  private readonly samples: Sample[] = [];
  private readonly startedAt: number;

  constructor(
    private readonly monitoring: Monitoring,
    private readonly fleet: LiveFleet,
    private readonly clock: () => number = Date.now,
  ) {
    this.startedAt = clock();
  }

  private async values(name: string): Promise<Value[]> {
    const metric = this.monitoring.registry.getSingleMetric(name);
    return metric ? ((await metric.get()).values as Value[]) : [];
  }

  private async gauge(name: string, labels: Record<string, string> = {}): Promise<number | null> {
    const v = (await this.values(name)).find((x) => Object.entries(labels).every(([k, want]) => x.labels[k] === want));
    return v ? v.value : null;
  }

  private async buckets(name: string, labels: Record<string, string> = {}): Promise<Bucket[]> {
    return (await this.values(name))
      .filter((x) => x.metricName === `${name}_bucket` && Object.entries(labels).every(([k, want]) => x.labels[k] === want))
      .map((x) => ({ le: x.labels.le === '+Inf' ? Infinity : Number(x.labels.le), count: x.value }))
      .sort((a, b) => a.le - b.le);
  }

  async body(): Promise<SystemBody> {
    const now = this.clock();
    const histograms: Histograms = {
      http: await this.buckets('fleet_ingest_request_duration_seconds', { transport: 'http' }),
      socket: await this.buckets('fleet_ingest_request_duration_seconds', { transport: 'socket' }),
      push: await this.buckets('fleet_event_to_emit_seconds'),
    };
    const base = this.remember(now, histograms);
    const summary = (h: Bucket[], old: Bucket[] | undefined): LatencySummary => {
      const b = old ? bucketDelta(h, old) : h;
      const ms = (q: number) => {
        const s = bucketQuantile(b, q);
        return s === null ? null : Math.round(s * 10_000) / 10;
      };
      return { count: b.length ? b[b.length - 1].count : 0, p50: ms(0.5), p99: ms(0.99) };
    };

    // Reading the lag gauge runs the collector that sets the percentiles (and restarts Node's
    // delay histogram): the percentiles are of the delay since the previous reading or scrape.
    await this.values('nodejs_eventloop_lag_seconds');
    const lagMs = async (name: string) => {
      const v = await this.gauge(name);
      return v === null ? null : Math.max(0, Math.round((v * 1000 - DELAY_TIMER_MS) * 10) / 10);
    };
    const clients = await this.values('fleet_socket_clients');
    const inNamespace = (nsp: string) => clients.find((c) => c.labels.namespace === nsp)?.value ?? 0;
    const health = this.fleet.health();
    const log = this.fleet instanceof Fleet ? this.fleet.log.stats() : null;
    return {
      ts: now,
      mode: health.kind === 'redis' ? 'redis' : 'embedded',
      uptimeSeconds: Math.round((now - this.startedAt) / 1000),
      clients: { live: inNamespace('/'), replay: inNamespace('/replay'), ingest: inNamespace('/ingest') },
      latencyWindowSeconds: Math.round((now - (base?.at ?? this.startedAt)) / 1000),
      ingestLatencyMs: { http: summary(histograms.http, base?.histograms.http), socket: summary(histograms.socket, base?.histograms.socket) },
      pushLatencyMs: summary(histograms.push, base?.histograms.push),
      eventLoopLagMs: { p50: await lagMs('nodejs_eventloop_lag_p50_seconds'), p99: await lagMs('nodejs_eventloop_lag_p99_seconds') },
      memory: {
        rssBytes: await this.gauge('process_resident_memory_bytes'),
        // the total's collector sets the used gauge too: read it first
        heapTotalBytes: await this.gauge('nodejs_heap_size_total_bytes'),
        heapUsedBytes: await this.gauge('nodejs_heap_size_used_bytes'),
      },
      log: { kind: health.kind, writable: health.writable, bytes: log?.bytes ?? null, segments: log?.segments ?? null, lagEvents: health.lagEvents },
      socketBytesSent: (await this.gauge('fleet_socket_bytes_sent_total')) ?? 0,
    };
  }

  /** Keeps a reading every SAMPLE_EVERY_MS; answers the oldest one inside the window, if old enough. */
  private remember(now: number, histograms: Histograms): Sample | undefined {
    const last = this.samples[this.samples.length - 1];
    if (!last || now - last.at >= SAMPLE_EVERY_MS) this.samples.push({ at: now, histograms });
    while (this.samples.length > 1 && now - this.samples[0].at > WINDOW_MS) this.samples.shift();
    const oldest = this.samples[0];
    return now - oldest.at >= MIN_WINDOW_MS ? oldest : undefined;
  }
}

export async function handleSystem(res: ServerResponse, stats: SystemStats): Promise<void> {
  sendJson(res, 200, await stats.body());
}
