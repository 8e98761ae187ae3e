/**
 * A generated city on real coordinates: a jittered street grid with residential streets (30 km/h,
 * half of them one-way in alternating directions), secondary streets (40), arterials (50) every few
 * blocks, a ring road (70) on the edge, a river crossed only by the ring and a few arterial bridges,
 * and a park no street enters. With the default centre (Porto) the river lies about where the Douro
 * is, so the city sits sensibly on map tiles of the real place.
 */
import { GraphBuilder } from './build';
import type { RoadGraph } from './graph';
import { Rng } from './random';
import { roadClassOf, type Oneway } from './road-class';

export interface GenerateCityOptions {
  /** the city's centre (default Porto, 41.1579, -8.6291) */
  center?: { lat: number; lng: number };
  /** east-west extent (default 9 km) */
  widthKm?: number;
  /** north-south extent (default 7 km) */
  heightKm?: number;
  /** distance between parallel streets (default 150 m) */
  blockM?: number;
  /** an arterial every this many blocks (default 6); a secondary street halfway between */
  arterialEvery?: number;
  /** a river across the city, this far south of the centre in km (default 1.9; null: no river) */
  riverOffsetKm?: number | null;
  /** a park with no streets inside (default true) */
  park?: boolean;
  /** share of residential street segments left out, for irregular blocks (default 0.06) */
  missingShare?: number;
}

/** Where the generated features are, for drawing or for tests (metres from the centre). */
export interface CityLayout {
  river: { offsetM: number; halfWidthM: number; amplitudeM: number; wavelengthM: number } | null;
  park: { west: number; south: number; east: number; north: number } | null;
  bridgeColumns: number[];
}

const M_PER_DEG = 111_320;

const TRUNK = roadClassOf('trunk');
const PRIMARY = roadClassOf('primary');
const SECONDARY = roadClassOf('secondary');
const RESIDENTIAL = roadClassOf('residential');
const KPH = new Map([
  [TRUNK, 70],
  [PRIMARY, 50],
  [SECONDARY, 40],
  [RESIDENTIAL, 30],
]);

/** The layout a generateCity call with these options produces (the same rules, no graph). */
export function cityLayout(options: GenerateCityOptions = {}): CityLayout {
  const o = withDefaults(options);
  const nx = Math.round((o.widthKm * 1000) / o.blockM);
  const river =
    o.riverOffsetKm === null
      ? null
      : { offsetM: -o.riverOffsetKm * 1000, halfWidthM: 125, amplitudeM: 220, wavelengthM: 7000 };
  const park = o.park
    ? { west: -o.widthKm * 370, east: -o.widthKm * 230, south: o.heightKm * 90, north: o.heightKm * 195 }
    : null;
  // The ring's two sides and two arterial columns about a third of the way in each direction.
  const arterials: number[] = [];
  for (let i = o.arterialEvery; i < nx; i += o.arterialEvery) arterials.push(i);
  const inner = arterials.length >= 2
    ? [arterials[Math.floor(arterials.length / 3)], arterials[Math.floor((2 * arterials.length) / 3)]]
    : arterials;
  return { river, park, bridgeColumns: [0, ...inner, nx] };
}

/**
 * Generates a city road graph. Deterministic: the same seed and options give the same graph.
 *
 * @example
 *   const graph = generateCity(7);                          // Porto-sized, centred on Porto
 *   const small = generateCity(7, { widthKm: 3, heightKm: 3 });
 */
export function generateCity(seed: number, options: GenerateCityOptions = {}): RoadGraph {
  const o = withDefaults(options);
  const layout = cityLayout(options);
  const rng = new Rng(seed, 0x6369747a);
  const nx = Math.round((o.widthKm * 1000) / o.blockM);
  const ny = Math.round((o.heightKm * 1000) / o.blockM);
  const lat0 = o.center.lat;
  const lng0 = o.center.lng;
  const mPerDegLng = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const bridges = new Set(layout.bridgeColumns);

  const classOfLine = (k: number, last: number): number => {
    if (k === 0 || k === last) return TRUNK;
    if (k % o.arterialEvery === 0) return PRIMARY;
    if (k % o.arterialEvery === o.arterialEvery >> 1) return SECONDARY;
    return RESIDENTIAL;
  };
  /** Odd residential lines are one-way, alternating direction. */
  const onewayOfLine = (k: number, cls: number): Oneway =>
    cls !== RESIDENTIAL || k % 2 === 0 ? 0 : (k >> 1) % 2 === 0 ? 1 : -1;

  const riverY = (x: number) =>
    layout.river
      ? layout.river.offsetM + layout.river.amplitudeM * Math.sin((2 * Math.PI * x) / layout.river.wavelengthM)
      : 0;
  const side = (x: number, y: number): number => {
    if (!layout.river) return 1;
    const d = y - riverY(x);
    return Math.abs(d) < layout.river.halfWidthM ? 0 : d > 0 ? 1 : -1;
  };
  const inPark = (x: number, y: number) =>
    layout.park !== null &&
    x > layout.park.west &&
    x < layout.park.east &&
    y > layout.park.south &&
    y < layout.park.north;

  const builder = new GraphBuilder();
  const id = new Int32Array((nx + 1) * (ny + 1)).fill(-1);
  const xs = new Float64Array(id.length);
  const ys = new Float64Array(id.length);
  const sides = new Int8Array(id.length);
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const k = j * (nx + 1) + i;
      // Arterials stay straight; other junctions wander a little, like an old town grid.
      const straightX = classOfLine(i, nx) !== RESIDENTIAL;
      const straightY = classOfLine(j, ny) !== RESIDENTIAL;
      const x = (i - nx / 2) * o.blockM + (straightX ? 0 : rng.range(-0.12, 0.12) * o.blockM);
      const y = (j - ny / 2) * o.blockM + (straightY ? 0 : rng.range(-0.12, 0.12) * o.blockM);
      xs[k] = x;
      ys[k] = y;
      sides[k] = side(x, y);
      if (inPark(x, y)) continue;
      if (sides[k] === 0 && !bridges.has(i)) continue;
      id[k] = builder.addPoint(lat0 + y / M_PER_DEG, lng0 + x / mPerDegLng);
    }
  }

  const addSegment = (a: number, b: number, cls: number, oneway: Oneway, bridge: boolean) => {
    if (id[a] < 0 || id[b] < 0) return;
    if (!bridge && (sides[a] === 0 || sides[b] === 0 || sides[a] !== sides[b])) return;
    if (cls === RESIDENTIAL && rng.chance(o.missingShare)) return;
    builder.addWay({ points: [id[a], id[b]], roadClass: cls, speedKph: KPH.get(cls)!, oneway });
  };
  for (let j = 0; j <= ny; j++) {
    const cls = classOfLine(j, ny);
    const ow = onewayOfLine(j, cls);
    for (let i = 0; i < nx; i++) addSegment(j * (nx + 1) + i, j * (nx + 1) + i + 1, cls, ow, false);
  }
  for (let i = 0; i <= nx; i++) {
    const cls = classOfLine(i, nx);
    const ow = onewayOfLine(i, cls);
    for (let j = 0; j < ny; j++) {
      addSegment(j * (nx + 1) + i, (j + 1) * (nx + 1) + i, cls, ow, bridges.has(i));
    }
  }
  return builder.build();
}

function withDefaults(o: GenerateCityOptions) {
  return {
    center: o.center ?? { lat: 41.1579, lng: -8.6291 },
    widthKm: o.widthKm ?? 9,
    heightKm: o.heightKm ?? 7,
    blockM: o.blockM ?? 150,
    arterialEvery: o.arterialEvery ?? 6,
    riverOffsetKm: o.riverOffsetKm === undefined ? 1.9 : o.riverOffsetKm,
    park: o.park ?? true,
    missingShare: o.missingShare ?? 0.06,
  };
}
