import { ID_PATTERN } from '../../lib/events';
import { NAMES_MAX_IDS } from '../../lib/name-cache';
import type { Engine } from '../engine/engine';

/** The answer to `names:get`: each valid id of the first NAMES_MAX_IDS with its name, or null. */
export function driverNames(engine: Engine, ids: unknown): [string, string | null][] {
  if (!Array.isArray(ids)) return [];
  const out: [string, string | null][] = [];
  for (const id of ids.slice(0, NAMES_MAX_IDS)) {
    if (typeof id === 'string' && ID_PATTERN.test(id)) out.push([id, engine.drivers.get(id)?.name ?? null]);
  }
  return out;
}
