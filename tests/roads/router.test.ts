import { describe, expect, it } from 'vitest';
import { Router } from '../../server/roads/router';
import { generateCity } from '../../server/roads/generate';
import { Rng } from '../../server/roads/random';
import { isArterial } from '../../server/roads/road-class';
import { tinyGraph } from './tiny-graphs';

/*
 *  X-D ---- C       A square of 1 km sides at 36 km/h (100 s a side), a one-way diagonal A -> C
 *    |    / |       (1414 m: 141 s), and two short dead ends at B and D so that those stay
 *    |  /   |       junctions (a point where one road just continues is merged away).
 *    A ---- B
 *           Y
 */
const square = () =>
  tinyGraph(
    { A: [0, 0], B: [1000, 0], C: [1000, 1000], D: [0, 1000], X: [-200, 1000], Y: [1000, -200] },
    [
      { points: ['A', 'B', 'C', 'D', 'A'] },
      { points: ['A', 'C'], oneway: 1, highway: 'primary' },
      { points: ['D', 'X'] },
      { points: ['B', 'Y'] },
    ],
  );

describe('Router.route', () => {
  it('takes the fastest way and returns its nodes, edges, metres and seconds', () => {
    const { graph, node } = square();
    const r = new Router(graph).route(node('A'), node('C'))!;
    expect(Array.from(r.nodes)).toEqual([node('A'), node('C')]);
    expect(r.edges.length).toBe(1);
    expect(r.metres).toBeGreaterThan(1405);
    expect(r.metres).toBeLessThan(1420);
    expect(r.seconds).toBeCloseTo((r.metres / 36) * 3.6, 6);
  });

  it('never drives a one-way street backwards', () => {
    const { graph, node } = square();
    const r = new Router(graph).route(node('C'), node('A'))!;
    // C -> A against the diagonal is not allowed: around the square, 2 km in 200 s.
    expect(r.nodes.length).toBe(3);
    expect(r.metres).toBeGreaterThan(1995);
    expect(r.metres).toBeLessThan(2005);
  });

  it('honours oneway=-1 (only against the drawing direction)', () => {
    const { graph, node } = tinyGraph({ A: [0, 0], B: [500, 0], C: [500, 500] }, [
      { points: ['A', 'B'], oneway: -1 },
      { points: ['B', 'C', 'A'] },
    ]);
    const router = new Router(graph);
    expect(router.route(node('B'), node('A'))!.metres).toBeCloseTo(500, -1);
    // A -> B must go round by C: 500 + 707 m.
    expect(router.route(node('A'), node('B'))!.metres).toBeCloseTo(1207, -1);
  });

  it('prefers a longer fast road to a shorter slow one, by travel time', () => {
    const { graph, node } = tinyGraph({ A: [0, 0], B: [1000, 0], M: [500, 100], N: [500, 600] }, [
      { points: ['A', 'M', 'B'], kph: 10 }, // 1020 m at 10 km/h: 367 s
      { points: ['A', 'N', 'B'], kph: 60, highway: 'primary' }, // 1562 m at 60 km/h: 94 s
    ]);
    const r = new Router(graph).route(node('A'), node('B'))!;
    expect(r.metres).toBeGreaterThan(1500);
    expect(r.seconds).toBeLessThan(100);
  });

  it('applies the congestion hook by road class at the departure time', () => {
    const { graph, node } = tinyGraph({ A: [0, 0], B: [1000, 0], M: [500, 100], N: [500, 600] }, [
      { points: ['A', 'M', 'B'], kph: 30 }, // 122 s
      { points: ['A', 'N', 'B'], kph: 60, highway: 'primary' }, // 94 s free, 187 s jammed
    ]);
    const router = new Router(graph);
    const jam = (cls: number, ts: number) => (isArterial(cls) && ts >= 1000 ? 2 : 1);
    expect(router.route(node('A'), node('B'), { congestion: jam, departTs: 0 })!.metres).toBeGreaterThan(1500);
    const jammed = router.route(node('A'), node('B'), { congestion: jam, departTs: 1000 })!;
    expect(jammed.metres).toBeLessThan(1100);
    expect(jammed.seconds).toBeCloseTo(122.4, 0);
  });

  it('gives a one-node route from a node to itself, null when unreachable or beyond maxSeconds', () => {
    const { graph, node } = tinyGraph({ A: [0, 0], B: [1000, 0], C: [2000, 0] }, [
      { points: ['A', 'B'], oneway: 1 },
      { points: ['B', 'C'] },
    ]);
    const router = new Router(graph);
    expect(router.route(node('B'), node('B'))).toEqual({
      nodes: Int32Array.of(node('B')),
      edges: new Int32Array(0),
      metres: 0,
      seconds: 0,
    });
    expect(router.route(node('C'), node('A'))).toBeNull();
    expect(router.route(node('A'), node('C'), { maxSeconds: 150 })).toBeNull();
    expect(router.route(node('A'), node('C'), { maxSeconds: 250 })).not.toBeNull();
  });

  it('rejects node ids outside the graph with a RangeError naming the argument', () => {
    const { graph } = square();
    expect(() => new Router(graph).route(-1, 0)).toThrow(/^from: must be a node id/);
    expect(() => new Router(graph).route(0, 99)).toThrow(/^to: must be a node id/);
  });

  it('finds the same travel times with landmarks (ALT) as plain Dijkstra, on a generated city', () => {
    const g = generateCity(3, { widthKm: 4, heightKm: 3 });
    const alt = new Router(g, { landmarks: 6 });
    const plain = new Router(g, { landmarks: 0 });
    const rng = new Rng(1);
    for (let i = 0; i < 150; i++) {
      const a = rng.int(g.nodeCount);
      const b = rng.int(g.nodeCount);
      let dijkstra = -1;
      plain.searchToward(b, (v, sec) => {
        if (v === a) dijkstra = sec;
        return v === a;
      });
      expect(alt.route(a, b)!.seconds).toBeCloseTo(dijkstra, 6);
    }
  });
});

describe('Router.searchToward', () => {
  it('visits nodes in increasing travel time to the target and gives the path from any of them', () => {
    const { graph, node } = square();
    const router = new Router(graph);
    const seen: [number, number][] = [];
    router.searchToward(node('C'), (v, sec) => {
      seen.push([v, sec]);
      return false;
    });
    expect(seen.map(([, s]) => Math.round(s))).toEqual([0, 100, 100, 120, 120, 141]);
    expect(seen[5][0]).toBe(node('A'));
    const path = router.pathToTarget(node('A'))!;
    expect(Array.from(path.nodes)).toEqual([node('A'), node('C')]);
    expect(router.nextEdgeToward(node('A'))).toBe(path.edges[0]);
    expect(router.nextEdgeToward(node('C'))).toBe(-1);
  });

  it('stops where visit says so and at maxSeconds', () => {
    const { graph, node } = square();
    const router = new Router(graph);
    expect(router.searchToward(node('C'), (v) => v === node('A'))).toBe(node('A'));
    let count = 0;
    expect(router.searchToward(node('C'), () => (count++, false), { maxSeconds: 110 })).toBe(-1);
    expect(count).toBe(3);
    expect(router.pathToTarget(node('A'))).toBeNull();
  });
});
