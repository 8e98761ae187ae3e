import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Namespace, Server, Socket } from 'socket.io';
import type { LiveFleet } from '../fleet-types';
import type { Logger } from '../logger';

export type Transport = 'http' | 'socket';

/** What the ingest paths report (HTTP route and /ingest namespace). */
export interface IngestMonitor {
  /** starts timing one ingest request or socket batch; call the result when it was answered */
  ingestTimer(transport: Transport): () => void;
  /** a request or batch was refused for going over INGEST_RATE */
  rateLimited(transport: Transport): void;
}

/** Every metric name /metrics exposes besides Node's defaults (docs and the dashboard use these). */
export const FLEET_METRICS = [
  'fleet_events_accepted_total',
  'fleet_events_rejected_total',
  'fleet_events_duplicate_total',
  'fleet_events_late_total',
  'fleet_events_dead_letters_total',
  'fleet_ingest_request_duration_seconds',
  'fleet_ingest_rate_limited_total',
  'fleet_auth_refused_total',
  'fleet_event_to_emit_seconds',
  'fleet_socket_clients',
  'fleet_socket_bytes_sent_total',
  'fleet_stream_lag_events',
  'fleet_log_writable',
] as const;

type EngineCounter = 'accepted' | 'rejected' | 'duplicates' | 'late' | 'deadLetters';

/** Bytes an engine.io packet puts on the wire, near enough: its type character and its data. */
function packetBytes(data: unknown): number {
  if (data === undefined || data === null) return 1;
  if (typeof data === 'string') return 1 + Buffer.byteLength(data);
  const len = (data as { byteLength?: unknown }).byteLength;
  return typeof len === 'number' ? len : 1;
}

/**
 * The Prometheus metrics of one app, in a registry of its own (tests run several apps in one
 * process; the global registry would mix them or refuse the second).
 *
 * The event counters are read from the engine at scrape time rather than counted on the ingest
 * paths: the engine sees every event however it came (HTTP, /ingest, a producer's own XADD in the
 * Redis mode, the log replayed at start), its counts agree with GET /api/metrics, and because they
 * are restored from snapshots they carry on across a restart instead of falling back to zero
 * (Prometheus' rate() handles either; a drop is read as a counter reset).
 */
export class Monitoring implements IngestMonitor {
  readonly registry = new Registry();
  private readonly ingestDuration: Histogram<'transport'>;
  private readonly eventToEmit: Histogram;
  private readonly limited: Counter<'transport'>;
  private readonly refused: Counter<'surface'>;
  private io: Server | null = null;
  private bytesSent = 0;

  constructor(fleet: LiveFleet) {
    const registers = [this.registry];
    const fromEngine = (name: string, help: string, key: EngineCounter) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(fleet.engine.counters[key]);
        },
      });
    fromEngine('fleet_events_accepted_total', 'Events accepted into the log and applied to the engine', 'accepted');
    fromEngine('fleet_events_rejected_total', 'Events refused at ingest (invalid)', 'rejected');
    fromEngine('fleet_events_duplicate_total', 'Events dropped as duplicates of an accepted event', 'duplicates');
    fromEngine('fleet_events_late_total', 'Accepted events more than the allowed lateness behind the newest (left out of windows)', 'late');
    fromEngine('fleet_events_dead_letters_total', 'Accepted events that could never apply (dead letters)', 'deadLetters');

    this.ingestDuration = new Histogram({
      name: 'fleet_ingest_request_duration_seconds',
      help: 'Time to answer one ingest request (HTTP) or batch (socket), durable write included',
      labelNames: ['transport'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.eventToEmit = new Histogram({
      name: 'fleet_event_to_emit_seconds',
      help: 'Wall time from an event being applied to the engine to the live push that carries it',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2, 5],
      registers,
    });
    this.limited = new Counter({
      name: 'fleet_ingest_rate_limited_total',
      help: 'Ingest requests or socket batches refused for going over INGEST_RATE',
      labelNames: ['transport'],
      registers,
    });
    this.refused = new Counter({
      name: 'fleet_auth_refused_total',
      help: 'Viewer requests refused for want of VIEWER_TOKEN or a session (api, page, login, upgrade)',
      labelNames: ['surface'],
      registers,
    });
    // Every label value shows from the first scrape (a rate over a missing series is no data, not 0).
    for (const transport of ['http', 'socket'] as const) {
      this.ingestDuration.zero({ transport });
      this.limited.inc({ transport }, 0);
    }
    for (const surface of ['api', 'page', 'login', 'upgrade']) this.refused.inc({ surface }, 0);
    const namespaces = () => this.io?._nsps.values() ?? [];
    const bytesSent = () => this.bytesSent;
    new Gauge({
      name: 'fleet_socket_clients',
      help: 'Socket.IO clients connected to this process, per namespace',
      labelNames: ['namespace'],
      registers,
      collect() {
        this.reset();
        for (const nsp of namespaces()) this.set({ namespace: nsp.name }, nsp.sockets.size);
      },
    });
    new Counter({
      name: 'fleet_socket_bytes_sent_total',
      help: 'Bytes of Engine.IO packets handed to client transports (payload, without framing)',
      registers,
      collect() {
        this.reset();
        this.inc(bytesSent());
      },
    });
    new Gauge({
      name: 'fleet_stream_lag_events',
      help: 'Events in the log not yet applied by this process (the Redis stream; 0 in the embedded mode)',
      registers,
      collect() {
        this.set(fleet.health().lagEvents);
      },
    });
    new Gauge({
      name: 'fleet_log_writable',
      help: '1 while the event log (file or Redis) accepts writes, else 0',
      labelNames: ['kind'],
      registers,
      collect() {
        const h = fleet.health();
        this.reset();
        this.set({ kind: h.kind }, h.writable ? 1 : 0);
      },
    });
    // process_*, nodejs_* including nodejs_eventloop_lag_seconds and the monitorEventLoopDelay
    // percentiles nodejs_eventloop_lag_p50/p90/p99_seconds.
    collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  ingestTimer(transport: Transport): () => void {
    const end = this.ingestDuration.startTimer({ transport });
    return () => void end();
  }

  rateLimited(transport: Transport): void {
    this.limited.inc({ transport });
  }

  authRefused(surface: string): void {
    this.refused.inc({ surface });
  }

  /** LiveHub's onFlush: how long the oldest change waited for its push (null: nothing waited). */
  observeEmit(latencyMs: number | null): void {
    if (latencyMs !== null) this.eventToEmit.observe(latencyMs / 1000);
  }

  /**
   * Counts bytes sent and clients, and logs connects and disconnects at debug. Bytes are counted
   * on Engine.IO's server-wide `flush` event, which fires once per socket whenever its buffered
   * packets are handed to the transport (a client that stops reading is not counted until it does).
   */
  attachIo(io: Server, logger: Logger): void {
    this.io = io;
    io.engine.on('flush', (_socket: unknown, packets: { data?: unknown }[]) => {
      let n = 0;
      for (const p of packets) n += packetBytes(p.data);
      this.bytesSent += n;
    });
    const watch = (nsp: Namespace) =>
      nsp.on('connection', (socket: Socket) => {
        logger.debug({ namespace: nsp.name, socket: socket.id, address: socket.handshake.address }, 'socket connected');
        socket.on('disconnect', (reason) => logger.debug({ namespace: nsp.name, socket: socket.id, reason }, 'socket disconnected'));
      });
    for (const nsp of io._nsps.values()) watch(nsp);
    io.on('new_namespace', watch);
  }

  close(): void {
    this.io = null;
    this.registry.clear();
  }
}
