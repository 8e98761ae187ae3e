import fs from 'node:fs';
import { haversineM } from '../../lib/geo';
import { straightLineEta } from '../../server/engine/eta';
import { roadEta } from '../../server/engine/eta-road';
import { EtaEvaluator, formatEvalTable } from '../../server/eval/eta-eval';
import { importPortoCsv } from '../../server/import/porto';
import { loadRoadGraph, portoDataDir } from '../../server/roads/load';
import { Rng } from '../../server/roads/random';
import { Router } from '../../server/roads/router';
import { measureEngineEta } from './eta-engine';
import { fmt, printTable, step } from './progress';

/**
 * Issue 6's benchmark: what each ETA model costs the engine on a simulated day; then, on the real
 * Porto data, routing speed on the OSM roads and the ETA models over the first 1,500 taxi trips
 * (v2 road model vs the straight line vs the best constant speed).
 */
export async function benchEta(): Promise<void> {
  const simDone = step('the engine over a simulated 40-driver day (seed 1) with each ETA model (best of 3)');
  const sim = measureEngineEta();
  simDone(`${fmt(sim.events)} events, ${fmt(sim.orders)} orders`);
  printTable('Engine with each ETA model (one core)', sim.rows.flatMap((r) => [
    { name: `${r.model}: engine`, value: `${fmt(r.engineEps)} events/s` },
    { name: `${r.model}: + an ETA at every fix of an active order`, value: `${fmt(r.perFixEps)} events/s (${fmt(r.etas)} ETAs)` },
  ]));

  const trips = `${portoDataDir()}/porto_taxi/porto_train_first1500.csv`;
  if (!fs.existsSync(trips)) {
    console.log(`skipped: ${trips} not found (set PORTO_DATA_DIR)`);
    return;
  }
  let done = step('loading the Porto roads and preparing the router (landmarks)');
  const graph = loadRoadGraph('porto');
  const router = new Router(graph);
  done(`${fmt(graph.nodeCount)} junctions, ${fmt(graph.edgeCount)} edges`);

  done = step('routing 5,000 random pairs of junctions (best of 3)');
  const rng = new Rng(6);
  const pairs = Array.from({ length: 5000 }, () => [rng.int(graph.nodeCount), rng.int(graph.nodeCount)] as const);
  let best = Infinity;
  let bestCpu = Infinity;
  let km = 0;
  let detour = 0;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    km = 0;
    detour = 0;
    for (const [a, b] of pairs) {
      const r = router.route(a, b)!;
      km += r.metres / 1000;
      detour += r.metres / Math.max(1, haversineM(graph.lat[a], graph.lng[a], graph.lat[b], graph.lng[b]));
    }
    best = Math.min(best, performance.now() - t);
    const used = process.cpuUsage(cpu);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
  }
  done();
  const routesPerS = (pairs.length / best) * 1000;

  done = step('importing the first 1,500 taxi trips');
  const { events, report } = importPortoCsv(fs.readFileSync(trips, 'utf8'));
  done(`${fmt(report.trips)} trips, ${fmt(report.fixes)} fixes, ${fmt(report.events)} events`);

  done = step('replaying them through the engine with each ETA model, an ETA at every fix');
  const road = roadEta(graph);
  const evaluator = new EtaEvaluator([road, straightLineEta()]);
  const t = performance.now();
  let next = 0.1;
  for (let i = 0; i < events.length; i++) {
    evaluator.ingest(events[i]);
    if (i / events.length >= next) {
      process.stderr.write(`    ${Math.round(next * 100)}%\n`);
      next += 0.1;
    }
  }
  const replayS = (performance.now() - t) / 1000;
  done(`${fmt(evaluator.truth.length)} ETA samples`);
  const result = evaluator.result();
  const all = result.rows[0];
  const ratio = all.byModel[0].maeS / all.baseline.maeS;

  printTable('Routing on the Porto roads (A* with 8 landmarks, one core)', [
    { name: 'random routes', value: `${fmt(pairs.length)}, mean ${fmt(km / pairs.length, 1)} km, ${fmt(detour / pairs.length, 2)}× the straight line` },
    { name: 'routes per second (wall clock)', value: fmt(routesPerS) },
    // Other processes on the machine slow the wall clock; CPU time is this process's own.
    { name: 'routes per CPU second', value: fmt((pairs.length / bestCpu) * 1000) },
    { name: 'replay with an ETA of each model at every fix', value: `${fmt(events.length / replayS)} events/s (${fmt(evaluator.truth.length / replayS)} road ETAs/s)` },
  ]);
  console.log('');
  for (const line of formatEvalTable(result)) console.log(`  ${line}`);
  printTable('ETA v2 against the best straight line', [
    { name: 'v2 MAE / baseline MAE (all horizons)', value: fmt(ratio, 3), target: '<= 0.85, aim 0.7', ok: ratio <= 0.85 },
  ]);
}
