import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild } from './child';
import { SyntheticFleet, ndjsonBatches } from './gen';
import { postAll } from './http-throughput';

/**
 * HTTP ingest of the real server against a bare parse-only server, on the same bodies, each in a
 * child process, driven from this (otherwise idle) process so the client is not the bottleneck.
 * Best of three rounds each, alternating. Prints one JSON line.
 */
const lines = new SyntheticFleet({ drivers: 10_000, everyS: 10 }).next(30);
const bodies = ndjsonBatches(lines, 1000);
// Both servers get the same warm-up before they are measured: other drivers and ids, an hour
// earlier, so none of the measured events is a duplicate of a warm-up one.
const warmup = ndjsonBatches(
  new SyntheticFleet({ drivers: 2_000, everyS: 10, seed: 99, idPrefix: 'w-', startTs: Date.UTC(2026, 10, 25, 7, 0, 0) }).next(10),
  1000,
);
let bareEps = 0;
let realEps = 0;
for (let round = 0; round < 3; round++) {
  const bare = await startChild('scripts/bench/serve-bare.ts');
  await postAll(bare.port, warmup, 1000);
  bareEps = Math.max(bareEps, await postAll(bare.port, bodies, 1000));
  bare.child.kill();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
  const real = await startChild('scripts/bench/serve-real.ts', { DATA_DIR: dir });
  await postAll(real.port, warmup, 1000);
  realEps = Math.max(realEps, await postAll(real.port, bodies, 1000));
  real.child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`    round ${round + 1}: bare ${Math.round(bareEps)}, real ${Math.round(realEps)} events/s\n`);
}
console.log(JSON.stringify({ bareEps, realEps, events: lines.length }));
