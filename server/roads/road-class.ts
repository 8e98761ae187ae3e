/**
 * Road classes (OSM `highway` values, grouped) with their default free-flow speeds, and the
 * parsers for the OSM tags that set speed and direction.
 */

/** A road class is a small integer: an index into ROAD_CLASS_NAMES. Stored as a Uint8 per edge. */
export type RoadClass = number;

export const ROAD_CLASS_NAMES = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'motorway_link',
  'trunk_link',
  'primary_link',
  'secondary_link',
  'tertiary_link',
] as const;

export type RoadClassName = (typeof ROAD_CLASS_NAMES)[number];

export const ROAD_CLASS_COUNT = ROAD_CLASS_NAMES.length;

/**
 * Free-flow speed (km/h) of a class when the way has no usable `maxspeed`. Urban values: what a
 * car actually drives between junctions on an empty road, not the rural legal limit.
 */
const DEFAULT_KPH: Record<RoadClassName, number> = {
  motorway: 100,
  trunk: 70,
  primary: 50,
  secondary: 45,
  tertiary: 40,
  unclassified: 35,
  residential: 30,
  living_street: 15,
  service: 20,
  motorway_link: 60,
  trunk_link: 50,
  primary_link: 40,
  secondary_link: 35,
  tertiary_link: 30,
};

const CLASS_INDEX = new Map<string, RoadClass>(ROAD_CLASS_NAMES.map((name, i) => [name, i]));

/** The class of an OSM `highway` value, or -1 for one that cars do not drive on. */
export function roadClassOf(highway: unknown): RoadClass {
  if (typeof highway !== 'string') return -1;
  return CLASS_INDEX.get(highway) ?? -1;
}

export function roadClassName(c: RoadClass): RoadClassName {
  return ROAD_CLASS_NAMES[c];
}

export function defaultKph(c: RoadClass): number {
  return DEFAULT_KPH[ROAD_CLASS_NAMES[c]];
}

/** Arterials carry through traffic and feel rush hour most; the rest are local streets. */
export function isArterial(c: RoadClass): boolean {
  const name = ROAD_CLASS_NAMES[c];
  return (
    name === 'motorway' ||
    name === 'trunk' ||
    name === 'primary' ||
    name === 'secondary' ||
    name.endsWith('_link')
  );
}

/** Implicit limits written as `<country>:<zone>` (e.g. `PT:urban`), in km/h. */
const ZONE_KPH: Record<string, number> = {
  urban: 50,
  rural: 90,
  trunk: 100,
  motorway: 120,
  living_street: 20,
  zone30: 30,
  zone20: 20,
  walk: 7,
};

/**
 * Parses an OSM `maxspeed` value to km/h: `"50"`, `"30 mph"`, `"PT:urban"`, `"50;30"` (the first
 * value). Returns undefined for values without a usable number (`"none"`, `"signals"`, garbage).
 */
export function parseMaxspeed(v: unknown): number | undefined {
  if (typeof v === 'number') return v > 0 && v < 300 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  const zone = /^[a-z]{2}:([a-z_0-9]+)$/.exec(s);
  if (zone) return ZONE_KPH[zone[1]];
  if (s === 'walk') return ZONE_KPH.walk;
  const m = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph)?/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] === 'mph' ? 1.609344 : 1);
  return n > 0 && n < 300 ? n : undefined;
}

/** Direction of travel along a way: 1 forward only, -1 backward only, 0 both ways. */
export type Oneway = -1 | 0 | 1;

/**
 * The direction from OSM tags: `oneway=yes|true|1` forward, `-1|reverse` backward, `no` both;
 * without a tag, motorways and roundabouts are one-way forward (OSM's implied rule).
 */
export function parseOneway(oneway: unknown, highway: unknown, junction: unknown): Oneway {
  if (oneway === 'yes' || oneway === 'true' || oneway === '1' || oneway === 1 || oneway === true) {
    return 1;
  }
  if (oneway === '-1' || oneway === 'reverse' || oneway === -1) return -1;
  if (oneway === 'no' || oneway === 'false' || oneway === '0' || oneway === false) return 0;
  if (highway === 'motorway' || junction === 'roundabout' || junction === 'circular') return 1;
  return 0;
}
