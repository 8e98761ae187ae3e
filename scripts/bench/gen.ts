/**
 * Deterministic synthetic location events for the benchmarks: `drivers` vehicles wandering a
 * 20 km city box at 15-60 km/h, one fix each every `everyS` seconds, in event-time order.
 * Lines are ~140 bytes, like a real producer's (with an id, speed and heading).
 */
export interface GenOptions {
  drivers: number;
  everyS: number;
  startTs?: number;
  /** different seeds give different fleets; the same seed the same fleet (default 7) */
  seed?: number;
  /** what event ids start with (default "e-"): fleets with other prefixes never share an id */
  idPrefix?: string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fleet that can be advanced slice by slice, so long runs need not hold every line at once. */
export class SyntheticFleet {
  private readonly rnd: () => number;
  private readonly lat: Float64Array;
  private readonly lng: Float64Array;
  private readonly hdg: Float64Array;
  private readonly kph: Float64Array;
  private readonly offset: Int32Array;
  private tick = 0;
  private seq = 0;

  constructor(private readonly o: GenOptions) {
    const rnd = (this.rnd = mulberry32(o.seed ?? 7));
    const n = o.drivers;
    this.lat = new Float64Array(n);
    this.lng = new Float64Array(n);
    this.hdg = new Float64Array(n);
    this.kph = new Float64Array(n);
    this.offset = new Int32Array(n);
    for (let d = 0; d < n; d++) {
      this.lat[d] = 41.1 + rnd() * 0.18;
      this.lng[d] = -8.7 + rnd() * 0.24;
      this.hdg[d] = rnd() * 360;
      this.kph[d] = 15 + rnd() * 45;
      this.offset[d] = Math.floor(rnd() * o.everyS * 1000);
    }
  }

  /** The next `fixes` fixes of every driver, as NDJSON lines in event-time order. */
  next(fixes: number): string[] {
    const { o, lat, lng, hdg, kph, offset, rnd } = this;
    const start = o.startTs ?? Date.UTC(2026, 10, 25, 8, 0, 0);
    const lines: string[] = [];
    for (let f = 0; f < fixes; f++, this.tick++) {
      const tickTs = start + this.tick * o.everyS * 1000;
      // Within a tick, drivers report at their own offset: sort by it for event-time order.
      for (let d = 0; d < o.drivers; d++) {
        hdg[d] = (hdg[d] + (rnd() - 0.5) * 40 + 360) % 360;
        const metres = (kph[d] / 3.6) * o.everyS;
        const rad = (hdg[d] * Math.PI) / 180;
        lat[d] += (metres * Math.cos(rad)) / 111_320;
        lng[d] += (metres * Math.sin(rad)) / (111_320 * Math.cos((lat[d] * Math.PI) / 180));
        const ts = tickTs + offset[d];
        lines.push(
          `{"type":"location","id":"${o.idPrefix ?? 'e-'}${(this.seq++).toString(36)}","driverId":"drv-${String(d).padStart(5, '0')}","ts":${ts},"lat":${lat[d].toFixed(6)},"lng":${lng[d].toFixed(6)},"speedKph":${kph[d].toFixed(1)},"heading":${Math.floor(hdg[d])}}`,
        );
      }
    }
    return lines;
  }
}

/** Batches of `size` lines joined as NDJSON bodies. */
export function ndjsonBatches(lines: string[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += size) out.push(lines.slice(i, i + size).join('\n') + '\n');
  return out;
}
