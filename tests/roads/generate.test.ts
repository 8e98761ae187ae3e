import { describe, expect, it } from 'vitest';
import { cityLayout, generateCity } from '../../server/roads/generate';
import { Rng } from '../../server/roads/random';
import { roadClassName } from '../../server/roads/road-class';
import { Router } from '../../server/roads/router';

const CENTER = { lat: 41.1579, lng: -8.6291 };
const M_PER_DEG = 111_320;
const toXY = (lat: number, lng: number) => ({
  x: (lng - CENTER.lng) * M_PER_DEG * Math.cos((CENTER.lat * Math.PI) / 180),
  y: (lat - CENTER.lat) * M_PER_DEG,
});

describe('generateCity', () => {
  const g = generateCity(7);
  const layout = cityLayout();

  it('is deterministic: the same seed gives the same graph, another seed another', () => {
    const again = generateCity(7);
    expect(again.nodeCount).toBe(g.nodeCount);
    expect(Array.from(again.lat)).toEqual(Array.from(g.lat));
    expect(Array.from(again.edgeTo)).toEqual(Array.from(g.edgeTo));
    expect(Array.from(generateCity(8).lat)).not.toEqual(Array.from(g.lat));
  });

  it('lies on real coordinates around Porto by default, and elsewhere when asked', () => {
    const [w, s, e, n] = g.bbox;
    expect((s + n) / 2).toBeCloseTo(CENTER.lat, 2);
    expect((w + e) / 2).toBeCloseTo(CENTER.lng, 2);
    const lisbon = generateCity(7, { center: { lat: 38.72, lng: -9.14 }, widthKm: 3, heightKm: 3 });
    expect((lisbon.bbox[1] + lisbon.bbox[3]) / 2).toBeCloseTo(38.72, 2);
  });

  it('mixes residential streets with faster secondary, arterial and ring roads', () => {
    const byClass = new Map<string, Set<number>>();
    for (let e = 0; e < g.edgeCount; e++) {
      const name = roadClassName(g.roadClass[e]);
      if (!byClass.has(name)) byClass.set(name, new Set());
      byClass.get(name)!.add(g.speedKph[e]);
    }
    expect(Object.fromEntries([...byClass].map(([k, v]) => [k, [...v]]))).toEqual({
      residential: [30],
      secondary: [40],
      primary: [50],
      trunk: [70],
    });
  });

  it('has one-way streets', () => {
    let oneWay = 0;
    for (let e = 0; e < g.edgeCount; e++) if (g.edgeBetween(g.edgeTo[e], g.edgeFrom[e]) < 0) oneWay++;
    expect(oneWay / g.edgeCount).toBeGreaterThan(0.15);
  });

  it('crosses its river only on the few bridges', () => {
    const r = layout.river!;
    const side = (lat: number, lng: number) => {
      const { x, y } = toXY(lat, lng);
      return Math.sign(y - (r.offsetM + r.amplitudeM * Math.sin((2 * Math.PI * x) / r.wavelengthM)));
    };
    let crossing = 0;
    for (let e = 0; e < g.edgeCount; e++) {
      if (side(g.lat[g.edgeFrom[e]], g.lng[g.edgeFrom[e]]) !== side(g.lat[g.edgeTo[e]], g.lng[g.edgeTo[e]])) crossing++;
    }
    // Each bridge is a two-way road: one edge each way.
    expect(crossing).toBe(2 * layout.bridgeColumns.length);
  });

  it('has a park no road enters', () => {
    const p = layout.park!;
    for (let k = 0; k < g.geomLat.length; k++) {
      const { x, y } = toXY(g.geomLat[k], g.geomLng[k]);
      expect(x > p.west && x < p.east && y > p.south && y < p.north).toBe(false);
    }
  });

  it('is strongly connected: a route exists between any two nodes', () => {
    const router = new Router(g);
    const rng = new Rng(2);
    for (let i = 0; i < 200; i++) expect(router.route(rng.int(g.nodeCount), rng.int(g.nodeCount))).not.toBeNull();
  });
});

describe('RoadGraph.nearestNode', () => {
  it('finds the same node as a brute-force scan, inside and outside the city', () => {
    const g = generateCity(5, { widthKm: 3, heightKm: 2 });
    const rng = new Rng(9);
    const [w, s, e, n] = g.bbox;
    for (let i = 0; i < 300; i++) {
      const lat = s - 0.01 + rng.next() * (n - s + 0.02);
      const lng = w - 0.01 + rng.next() * (e - w + 0.02);
      let best = -1;
      let bestD = Infinity;
      const cos = Math.cos((((s + n) / 2) * Math.PI) / 180);
      for (let v = 0; v < g.nodeCount; v++) {
        const d = ((g.lat[v] - lat) ** 2 + ((g.lng[v] - lng) * cos) ** 2);
        if (d < bestD) {
          bestD = d;
          best = v;
        }
      }
      expect(g.nearestNode(lat, lng)).toBe(best);
    }
    expect(g.nearestNode(0, 0)).toBeGreaterThanOrEqual(0);
  });
});
