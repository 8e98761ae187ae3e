/**
 * The live and replay Socket.IO API (contract sections 4 and 5), typed once: the server uses
 * these maps in `new Server<...>()`, the browser in `io()`.
 */
import type { AlertsBody, DriverDetail, DriverStatus, EtaAccuracyBody, IngestResult, ErrorBody, MetricsBody, SeriesBody, ZonesBody } from './api-types';
import type { BBox } from './geo';
import type { Millis } from './events';

export interface VehicleUpsert {
  id: string;
  lat: number;
  lng: number;
  status: DriverStatus;
  heading: number | null;
  speedKph: number | null;
  /** event time of the location shown */
  ts: Millis;
}

export interface VehiclesFrame {
  /** event time of the engine when the frame was made */
  ts: Millis;
  /** true: `upserts` is every vehicle in view, anything not in it is gone */
  full: boolean;
  upserts: VehicleUpsert[];
  removed: string[];
}

export interface ReplayClock {
  ts: Millis;
  startTs: Millis;
  endTs: Millis;
  speed: number;
  playing: boolean;
}

/**
 * Extra (beyond the contract): the per-minute series the charts draw. The first after connecting
 * (and after a replay seek) is full: the whole day so far; later ones carry the last few minutes,
 * which replace the points with the same `ts` and append new ones.
 */
export interface SeriesFrame extends SeriesBody {
  full: boolean;
}

/** An open order (assigned or picked up) and its ETA to its next stop, as the engine gives it now. */
export interface EtaOpenRow {
  orderId: string;
  driverId: string;
  /** the next stop: the pickup while assigned, the drop-off once picked up */
  stop: 'pickup' | 'dropoff';
  /** the predicted arrival at that stop; null while the driver has no fix */
  etaTs: Millis | null;
  /** the fix the prediction is from */
  updatedTs: Millis | null;
  promisedTs: Millis | null;
  /**
   * the actual arrival at that stop (the pickup or the delivery); null when unknown. Live never
   * knows it (it is in the future); a replay knows it from the recorded day.
   */
  actualTs: Millis | null;
  /** replay only: the order was cancelled at this time instead of arriving; else null */
  cancelledTs: Millis | null;
}

/** A delivered order: the drop-off ETA given at its pickup against the actual delivery. */
export interface EtaDeliveredRow {
  orderId: string;
  driverId: string;
  pickedUpTs: Millis;
  /** null when it could not be captured (no fix near the pickup) */
  etaAtPickupTs: Millis | null;
  deliveredTs: Millis;
}

/**
 * Extra (beyond the contract): the ETA accuracy panel's data, with the metrics each second. Open
 * orders soonest first (at most ETA_OPEN_ROWS), recent deliveries newest first (at most
 * ETA_DELIVERED_ROWS).
 */
export interface EtaFrame {
  ts: Millis;
  accuracy: EtaAccuracyBody;
  open: EtaOpenRow[];
  delivered: EtaDeliveredRow[];
}

export const ETA_OPEN_ROWS = 50;
export const ETA_DELIVERED_ROWS = 20;

/** Server to client on the default namespace (live) and on /replay. */
export interface ServerToClientEvents {
  vehicles: (frame: VehiclesFrame) => void;
  metrics: (body: MetricsBody) => void;
  zones: (body: ZonesBody) => void;
  driver: (body: DriverDetail) => void;
  /** extra: the `GET /api/alerts` body, with metrics */
  alerts: (body: AlertsBody) => void;
  /** extra: the charts' series, full on connect, then the recent minutes with metrics */
  series: (frame: SeriesFrame) => void;
  /** extra: ETA accuracy and the open orders' ETAs, with metrics */
  eta: (frame: EtaFrame) => void;
}

export interface ReplayServerToClientEvents extends ServerToClientEvents {
  clock: (clock: ReplayClock) => void;
}

/** Client to server on the default namespace. */
export interface ClientToServerEvents {
  'driver:watch': (id: string) => void;
  'driver:unwatch': (id: string) => void;
  /** [west, south, east, north], or null for everything */
  viewport: (box: BBox | null) => void;
  /**
   * The names of these drivers (at most NAMES_MAX_IDS; null where none is known), as
   * [id, name] pairs: the vehicle frames carry ids only, the map's tooltips show names.
   */
  'names:get': (ids: string[], ack: (names: [string, string | null][]) => void) => void;
}

export type ClockAck = (clock: ReplayClock | ErrorBody) => void;

export interface ReplayClientToServerEvents extends ClientToServerEvents {
  'replay:play': (ack?: ClockAck) => void;
  'replay:pause': (ack?: ClockAck) => void;
  'replay:speed': (speed: number, ack?: ClockAck) => void;
  'replay:seek': (ts: number, ack?: ClockAck) => void;
}

/** The /ingest namespace for producers. */
export interface IngestClientToServerEvents {
  events: (events: unknown[], ack: (result: IngestResult | ErrorBody) => void) => void;
}

export const VEHICLES_MAX_HZ = 10;
/** minutes of series a delta `series` frame carries (late events can still change them) */
export const SERIES_DELTA_MINUTES = 5;
export const REPLAY_SPEED_MIN = 1;
export const REPLAY_SPEED_MAX = 3600;
