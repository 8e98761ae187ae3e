import type { AlertsBody, DriverDetail, MetricsBody, SeriesPoint, ZonesBody } from './api-types';
import type { EtaFrame, ReplayClock, SeriesFrame, VehiclesFrame } from './live-types';
import { VehicleStore } from './vehicle-store';

/**
 * `connecting` before the first connect; `live` while connected and frames arrive; `stale` while
 * connected but nothing arrived for STALE_AFTER_MS; `reconnecting` after the connection dropped.
 */
export type Connection = 'connecting' | 'live' | 'stale' | 'reconnecting';

/** A connected feed that has sent nothing for this long is shown as stale. */
export const STALE_AFTER_MS = 5_000;

/** What a part of the page can subscribe to; vehicles are read from the store every frame instead. */
export type FeedTopic = 'connection' | 'metrics' | 'zones' | 'alerts' | 'series' | 'clock' | 'drivers' | 'eta';

/**
 * Everything one live or replay socket has told the page, kept outside React: frames are applied
 * as they arrive, and each topic notifies only its own subscribers, so a metrics frame re-renders
 * the KPI strip and nothing else, and vehicles never re-render anything (the map reads the store
 * every animation frame). The same class serves live and replay: only the socket differs.
 */
export class FeedState {
  readonly vehicles = new VehicleStore();
  metrics: MetricsBody | null = null;
  zones: ZonesBody | null = null;
  alerts: AlertsBody | null = null;
  /** the day's per-minute series, in time order */
  series: SeriesPoint[] = [];
  /** the ETA accuracy panel's frame */
  eta: EtaFrame | null = null;
  /** replay only */
  clock: ReplayClock | null = null;
  /** the detail of each watched driver, newest first received */
  readonly drivers = new Map<string, DriverDetail>();
  connection: Connection = 'connecting';
  /** wall time of the newest frame */
  lastFrameAt = 0;
  private readonly listeners = new Map<FeedTopic, Set<() => void>>();

  subscribe(topic: FeedTopic, fn: () => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  private notify(topic: FeedTopic): void {
    for (const fn of this.listeners.get(topic) ?? []) fn();
  }

  private received(wallNow: number): void {
    this.lastFrameAt = wallNow;
    if (this.connection === 'stale') this.setConnection('live');
  }

  setConnection(c: Connection): void {
    if (c === this.connection) return;
    this.connection = c;
    this.notify('connection');
  }

  /** Called now and then with the wall clock: a live feed that went quiet turns stale. */
  checkStale(wallNow: number): void {
    if (this.connection === 'live' && this.lastFrameAt && wallNow - this.lastFrameAt > STALE_AFTER_MS) this.setConnection('stale');
  }

  onConnect(wallNow: number): void {
    this.lastFrameAt = wallNow;
    this.setConnection('live');
  }

  onDisconnect(): void {
    this.setConnection('reconnecting');
  }

  onVehicles(frame: VehiclesFrame, wallNow: number): void {
    this.vehicles.apply(frame, wallNow);
    this.received(wallNow);
  }

  onMetrics(body: MetricsBody, wallNow: number): void {
    this.metrics = body;
    this.received(wallNow);
    this.notify('metrics');
  }

  onZones(body: ZonesBody, wallNow: number): void {
    this.zones = body;
    this.received(wallNow);
    this.notify('zones');
  }

  onAlerts(body: AlertsBody, wallNow: number): void {
    this.alerts = body;
    this.received(wallNow);
    this.notify('alerts');
  }

  onSeries(frame: SeriesFrame, wallNow: number): void {
    this.series = frame.full ? frame.points : mergeSeries(this.series, frame.points);
    this.received(wallNow);
    this.notify('series');
  }

  onEta(frame: EtaFrame, wallNow: number): void {
    this.eta = frame;
    this.received(wallNow);
    this.notify('eta');
  }

  onClock(clock: ReplayClock, wallNow: number): void {
    this.clock = clock;
    this.received(wallNow);
    this.notify('clock');
  }

  onDriver(body: DriverDetail, wallNow: number): void {
    this.drivers.set(body.id, body);
    this.received(wallNow);
    this.notify('drivers');
  }

  forgetDriver(id: string): void {
    if (this.drivers.delete(id)) this.notify('drivers');
  }

  /**
   * A replay seek jumps the whole state: what was shown belongs to another time. The server then
   * sends full frames of everything.
   */
  resetForSeek(): void {
    this.drivers.clear();
  }
}

/**
 * Recent minutes replace the points with the same `ts` and append newer ones; the result stays
 * in time order. A point older than everything kept is dropped (it belongs to a full frame).
 */
export function mergeSeries(old: SeriesPoint[], recent: SeriesPoint[]): SeriesPoint[] {
  if (!recent.length) return old;
  const first = recent[0].ts;
  let cut = old.length;
  while (cut > 0 && old[cut - 1].ts >= first) cut--;
  return old.slice(0, cut).concat(recent);
}
