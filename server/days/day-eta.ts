import { seedOfDay } from '../demo/live-simulator';
import { straightLineEta, type EtaModel } from '../engine/eta';
import { roadEta } from '../engine/eta-road';
import type { RoadGraph } from '../roads/graph';
import { loadRoadGraph } from '../roads/load';
import type { DayRecord } from './day-store';

/** The live engine's ETA configuration (ETA_MODEL, ETA_ROADS, SIM_SEED), which replays follow. */
export interface DayEtaConfig {
  model: 'road' | 'straight-line';
  /** `city`, `city:SEED`, `porto` or a GeoJSON path */
  roads: string;
  simSeed: number | null;
}

/** The model a day's checkpoints were built with when its prepared.json does not say (older releases). */
export const LEGACY_DAY_ETA = 'straight-line';

/**
 * The roads a day was driven on, as a roads spec, when the day says: a simulated day's generated
 * city, or the roads an importer recorded (Porto's OSM roads for the Porto taxis). Null for an
 * imported day that does not say.
 */
export function dayRoads(record: DayRecord): string | null {
  if (record.source.kind === 'simulated') return `city:${record.source.seed}`;
  return record.source.roads ?? null;
}

/**
 * The model a recorded day is prepared and replayed with, as a spec: `straight-line`, or
 * `road:` and the graph. An imported day that names its roads is routed on them. Otherwise it is
 * the model the live server would have used that day: `city` means the simulated city of the day
 * (a simulated day's own seed; for an imported day, SIM_SEED or the seed of its date, as live
 * picks today's), so a replay gives the ETAs live gave.
 */
export function dayEtaSpec(cfg: DayEtaConfig, record: DayRecord, startTs: number): string {
  if (cfg.model !== 'road') return 'straight-line';
  if (record.source.kind === 'imported' && record.source.roads) return `road:${record.source.roads}`;
  if (cfg.roads !== 'city') return `road:${cfg.roads}`;
  if (record.source.kind === 'simulated') return `road:city:${record.source.seed}`;
  return `road:city:${cfg.simSeed ?? seedOfDay(Math.floor(startTs / 86_400_000) * 86_400_000)}`;
}

const graphs = new Map<string, RoadGraph>();

/**
 * A fresh model of a spec (each engine learns on its own). Graphs are shared: a replay session
 * opens in milliseconds, not the quarter second a generated city takes. A few are kept.
 */
export function etaModelOfSpec(spec: string): EtaModel {
  if (spec === 'straight-line') return straightLineEta();
  if (!spec.startsWith('road:')) throw new Error(`ETA model "${spec}": must be straight-line or road:ROADS`);
  return roadEta(roadGraphOf(spec.slice('road:'.length)));
}

/** The road graph of a roads spec, loaded once and shared (replay sessions, the roads route). */
export function roadGraphOf(roads: string): RoadGraph {
  let graph = graphs.get(roads);
  if (!graph) {
    graph = loadRoadGraph(roads);
    graphs.set(roads, graph);
    while (graphs.size > 4) graphs.delete(graphs.keys().next().value!);
  }
  return graph;
}

/** The day store's ETA configuration from the server's (config.ts). */
export function dayEtaOf(cfg: { etaModel: 'road' | 'straight-line'; etaRoads: string; simSeed: number | null }): DayEtaConfig {
  return { model: cfg.etaModel, roads: cfg.etaRoads, simSeed: cfg.simSeed };
}
