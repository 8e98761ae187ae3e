/**
 * Shapes of the read API (contract section 3). Declared once, used by the server that answers
 * and by the pages that read. Extra fields beyond the contract are marked as such.
 */
import type { LatLng, Millis, OrderStatus } from './events';

export type DriverStatus = 'offline' | 'idle' | 'to_pickup' | 'to_dropoff';
export const DRIVER_STATUSES: readonly DriverStatus[] = ['offline', 'idle', 'to_pickup', 'to_dropoff'];

export interface DriverSummary {
  id: string;
  name: string | null;
  status: DriverStatus;
  lat: number | null;
  lng: number | null;
  /** event time of the location shown */
  ts: Millis | null;
  speedKph: number | null;
  heading: number | null;
  orderId: string | null;
}

export interface DriversBody {
  ts: Millis;
  drivers: DriverSummary[];
}

export interface DriverStats {
  distanceKm: number;
  deliveries: number;
  /** on-time deliveries over deliveries that had a promised time; null with none */
  onTimeRate: number | null;
  /** share of online time with an active order, 0..1; null before any online time */
  utilization: number | null;
  idleMinutes: number;
  avgSpeedKph: number | null;
}

/** [ts, lat, lng] */
export type TrailPoint = [Millis, number, number];

export interface DriverDetail extends DriverSummary {
  stats: DriverStats;
  trail: TrailPoint[];
  orders: OrderView[];
}

export interface Eta {
  stop: 'pickup' | 'dropoff';
  /** predicted arrival at the stop */
  ts: Millis;
  /** event time of the driver location the prediction was made from */
  updatedTs: Millis;
}

export interface OrderView {
  id: string;
  status: OrderStatus;
  pickup: LatLng | null;
  dropoff: LatLng | null;
  driverId: string | null;
  createdTs: Millis | null;
  assignedTs: Millis | null;
  pickedUpTs: Millis | null;
  deliveredTs: Millis | null;
  cancelledTs: Millis | null;
  promisedTs: Millis | null;
  eta: Eta | null;
  /** extra: the drop-off arrival predicted at pickup, kept to score the ETA model */
  etaAtPickupTs: Millis | null;
}

export interface MetricsBody {
  ts: Millis;
  drivers: { online: number; idle: number; busy: number };
  orders: {
    open: number;
    unassigned: number;
    createdPerMin: number;
    deliveredPerMin: number;
    cancelledPerMin: number;
  };
  onTimeRate: number | null;
  eta: { maeSeconds: number | null; samples: number };
  ingest: {
    eventsPerSec: number;
    late: number;
    rejected: number;
    duplicates: number;
    deadLetters: number;
    /** extra: events accepted since start */
    accepted: number;
  };
}

/** Absolute errors of scored ETAs (seconds); null without samples. */
export interface EtaErrorStats {
  samples: number;
  maeSeconds: number | null;
  /** from a histogram of errors (bins 15 s wide at first, coarser above 2 min): approximate */
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** mean of actual − predicted: above 0 when ETAs came too early, below 0 too late */
  biasSeconds: number | null;
}

/**
 * GET /api/eta-accuracy: how good the ETAs have been over the last day of event time. Samples are
 * the engine's own: each delivery scores the drop-off ETA given at its pickup; a sample's horizon is
 * the trip's true duration (pickup to delivery).
 */
export interface EtaAccuracyBody {
  ts: Millis;
  /** the ETA model in use: 'road' (v2) or 'straight-line' */
  model: string;
  /** the window: deliveries from `fromTs` (the start of an hour) to `ts` */
  fromTs: Millis;
  windowHours: number;
  overall: EtaErrorStats;
  horizons: (EtaErrorStats & { label: '0-5 min' | '5-15 min' | '15+ min'; fromMinutes: number; toMinutes: number | null })[];
}

export interface Zone {
  cell: string;
  supply: number;
  demand: number;
  ratio: number;
  surge: number;
}

export interface ZonesBody {
  ts: Millis;
  resolution: number;
  zones: Zone[];
}

export type AlertKind = 'stale_driver' | 'order_at_risk' | 'undersupplied_zone' | 'gps_jump';

export interface Alert {
  id: string;
  kind: AlertKind;
  entityId: string;
  since: Millis;
  message: string;
  lat: number | null;
  lng: number | null;
}

export interface AlertsBody {
  ts: Millis;
  alerts: Alert[];
}

export interface DeadLetter {
  ts: Millis;
  reason: string;
  event: unknown;
}

export interface DeadLettersBody {
  total: number;
  items: DeadLetter[];
}

/** One minute of the day, for the charts (GET /api/series). */
export interface SeriesPoint {
  /** start of the minute */
  ts: Millis;
  created: number;
  delivered: number;
  cancelled: number;
  /** on-time share of the minute's deliveries that had a promise; null with none */
  onTimeRate: number | null;
  /** mean absolute error of the at-pickup ETAs of the minute's deliveries, seconds */
  etaMaeSeconds: number | null;
  /** events accepted with an event time inside the minute */
  events: number;
  /** gauges sampled as the engine's clock entered the next minute */
  online: number;
  idle: number;
  busy: number;
  supply: number;
  demand: number;
}

export interface SeriesBody {
  ts: Millis;
  points: SeriesPoint[];
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; error: string }[];
}

export interface ErrorBody {
  error: { code: string; message: string };
}

/** A recorded day that can be replayed (GET /api/days). */
export interface DayInfo {
  id: string;
  label: string;
  startTs: Millis;
  endTs: Millis;
  events: number;
  drivers: number;
  orders: number;
  /** extra: where the day came from */
  kind: 'simulated' | 'imported';
  /** extra: false while the day is being prepared for replay (first use after install) */
  ready: boolean;
}

/** Quantiles of one latency histogram, in milliseconds; null where nothing was observed. */
export interface LatencySummary {
  /** observations in the window */
  count: number;
  p50: number | null;
  p99: number | null;
}

/**
 * Extra (beyond the contract): GET /api/system, the health of this server process for the
 * System page, read from the same Prometheus registry as /metrics.
 */
export interface SystemBody {
  /** wall time of the reading */
  ts: Millis;
  mode: 'embedded' | 'redis';
  uptimeSeconds: number;
  /** Socket.IO clients of this process per namespace */
  clients: { live: number; replay: number; ingest: number };
  /** the window the latencies cover: the last few minutes, or since start until there is one */
  latencyWindowSeconds: number;
  /** time to answer an ingest request (HTTP) or batch (socket), durable write included */
  ingestLatencyMs: { http: LatencySummary; socket: LatencySummary };
  /** from an event applied to the engine to the live push that carries it */
  pushLatencyMs: LatencySummary;
  /** event-loop delay since the previous reading, beyond the sampling timer's own period */
  eventLoopLagMs: { p50: number | null; p99: number | null };
  memory: { rssBytes: number | null; heapUsedBytes: number | null; heapTotalBytes: number | null };
  log: {
    kind: 'file' | 'redis';
    writable: boolean;
    /** bytes of the segment files (embedded mode); null in the Redis mode */
    bytes: number | null;
    segments: number | null;
    /** events written but not yet applied by this process (Redis mode) */
    lagEvents: number;
  };
  /** Engine.IO payload bytes handed to clients since start */
  socketBytesSent: number;
}
