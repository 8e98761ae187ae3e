import fs from 'node:fs';
import path from 'node:path';
import type { DayInfo } from '../../lib/api-types';
import type { FleetEvent } from '../../lib/events';
import type { Logger } from '../logger';
import type { SeriesBody } from '../../lib/api-types';
import { dayEtaSpec, type DayEtaConfig } from './day-eta';
import { daySeries } from './day-series';
import { PREPARED_FORMAT, prepareDay, preparedEta, type PreparedMeta } from './prepare';

/** How a simulated day is regenerated exactly: the simulator's seed and settings. */
export interface SimulatedSource {
  kind: 'simulated';
  seed: number;
  drivers: number;
  /** UTC date, YYYY-MM-DD */
  date: string;
}

export interface ImportedSource {
  kind: 'imported';
  file: string;
  /**
   * The roads the day was driven on, as a roads spec (`porto`, or an OSM GeoJSON path), when the
   * importer knows them: its ETAs are routed on them and its map draws them.
   */
  roads?: string;
}

export interface DayRecord {
  id: string;
  label: string;
  source: SimulatedSource | ImportedSource;
}

export type Generate = (s: SimulatedSource) => Iterable<FleetEvent>;

/** A day ready to replay: its folder of segments and checkpoints and their index. */
export interface PreparedDay {
  record: DayRecord;
  dir: string;
  meta: PreparedMeta;
}

/** The server's default ETA configuration (config.ts), for stores made without one (scripts, tests). */
export const DEFAULT_DAY_ETA: DayEtaConfig = { model: 'road', roads: 'city', simSeed: null };

/**
 * The recorded days under DATA_DIR/days, one folder each: `day.json` (what the day is and how to
 * rebuild it) and, once prepared, segments and checkpoints (`prepared.json`). A simulated day is
 * kept as its seed and settings and prepared on first use (or in the background at start); an
 * imported day is prepared when it is added. Preparation runs once per day at a time.
 *
 * Days are prepared with the live engine's ETA model (`eta`, see day-eta.ts), so replay ETAs are
 * live's. A simulated day prepared with another model (or by a release that did not record it) is
 * prepared again; an imported day cannot be (its source file is not kept), so it keeps replaying
 * with the model its checkpoints were built with.
 */
export class DayStore {
  private readonly preparing = new Map<string, Promise<PreparedDay>>();

  constructor(
    readonly dir: string,
    private readonly generate: Generate,
    private readonly logger?: Logger,
    private readonly eta: DayEtaConfig = DEFAULT_DAY_ETA,
  ) {}

  private dayDir(id: string): string {
    return path.join(this.dir, id);
  }

  records(): DayRecord[] {
    if (!fs.existsSync(this.dir)) return [];
    const out: DayRecord[] = [];
    for (const name of fs.readdirSync(this.dir).sort()) {
      const file = path.join(this.dir, name, 'day.json');
      if (fs.existsSync(file)) out.push(JSON.parse(fs.readFileSync(file, 'utf8')) as DayRecord);
    }
    return out;
  }

  record(id: string): DayRecord | undefined {
    return this.records().find((r) => r.id === id);
  }

  /** The prepared day's index, or null when it must be prepared (again) before a replay. */
  private preparedMeta(record: DayRecord): PreparedMeta | null {
    const file = path.join(this.dayDir(record.id), 'prepared.json');
    if (!fs.existsSync(file)) return null;
    const meta = JSON.parse(fs.readFileSync(file, 'utf8')) as PreparedMeta;
    if (meta.format !== PREPARED_FORMAT) return null;
    if (record.source.kind === 'simulated' && preparedEta(meta) !== dayEtaSpec(this.eta, record, meta.startTs)) return null;
    return meta;
  }

  /** What GET /api/days lists. Days not yet prepared show what is known (their date). */
  list(): DayInfo[] {
    return this.records().map((r) => {
      const meta = this.preparedMeta(r);
      const dayStart = r.source.kind === 'simulated' ? Date.parse(`${r.source.date}T00:00:00Z`) : 0;
      return {
        id: r.id,
        label: r.label,
        startTs: meta?.startTs ?? dayStart,
        endTs: meta?.endTs ?? (dayStart ? dayStart + 86_400_000 - 1 : 0),
        events: meta?.events ?? 0,
        drivers: meta?.drivers ?? (r.source.kind === 'simulated' ? r.source.drivers : 0),
        orders: meta?.orders ?? 0,
        kind: r.source.kind,
        ready: meta !== null,
      };
    });
  }

  /** Registers a simulated day (metadata only); returns false if the id exists. */
  addSimulated(id: string, label: string, source: SimulatedSource): boolean {
    const dir = this.dayDir(id);
    if (fs.existsSync(path.join(dir, 'day.json'))) return false;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'day.json'), JSON.stringify({ id, label, source } satisfies DayRecord));
    return true;
  }

  /** Adds and prepares a day from validated events (an imported NDJSON file). */
  async addImported(
    id: string,
    label: string,
    file: string,
    events: Iterable<FleetEvent>,
    skipped: () => number,
    onProgress?: (ts: number, n: number) => void,
    roads?: string,
  ): Promise<PreparedMeta> {
    const dir = this.dayDir(id);
    if (fs.existsSync(path.join(dir, 'day.json'))) throw new Error(`day ${id} exists already`);
    const source: ImportedSource = { kind: 'imported', file: path.basename(file) };
    if (roads !== undefined) source.roads = roads;
    const record: DayRecord = { id, label, source };
    const meta = await prepareDay(dir, events, onProgress, (first) => dayEtaSpec(this.eta, record, first));
    meta.skipped = skipped();
    fs.writeFileSync(path.join(dir, 'prepared.json'), JSON.stringify(meta));
    fs.writeFileSync(path.join(dir, 'day.json'), JSON.stringify(record));
    return meta;
  }

  /** The day ready for replay, preparing it first if needed. */
  open(id: string): Promise<PreparedDay> {
    const record = this.record(id);
    if (!record) return Promise.reject(new Error(`day ${id}: no such day`));
    const meta = this.preparedMeta(record);
    if (meta) {
      if (preparedEta(meta) !== dayEtaSpec(this.eta, record, meta.startTs)) {
        this.logger?.info({ day: id, eta: preparedEta(meta) }, 'an imported day prepared with another ETA model replays with that model');
      }
      return Promise.resolve({ record, dir: this.dayDir(id), meta });
    }
    let p = this.preparing.get(id);
    if (!p) {
      p = this.prepare(record).finally(() => this.preparing.delete(id));
      this.preparing.set(id, p);
    }
    return p;
  }

  /** The whole day's per-minute series (preparing the day first if needed); undefined for an unknown day. */
  series(id: string): Promise<SeriesBody> | undefined {
    if (!this.record(id)) return undefined;
    return this.open(id).then(daySeries);
  }

  private async prepare(record: DayRecord): Promise<PreparedDay> {
    if (record.source.kind !== 'simulated') throw new Error(`day ${record.id}: its prepared data is missing`);
    const dir = this.dayDir(record.id);
    const started = Date.now();
    const eta = dayEtaSpec(this.eta, record, 0);
    this.logger?.info({ day: record.id, eta }, 'preparing a simulated day for replay');
    const meta = await prepareDay(dir, this.generate(record.source), undefined, () => eta);
    this.logger?.info({ day: record.id, events: meta.events, ms: Date.now() - started }, 'day ready for replay');
    return { record, dir, meta };
  }
}
