import { DayStore } from '../../server/days/day-store';
import { ReplaySession } from '../../server/replay/session';

/**
 * 50 random seeks in a prepared day, in a process of its own (as a server's replay session would
 * run: without the benchmark's copy of the whole day in the heap). Prints one JSON line.
 */
const [dir, id] = process.argv.slice(2);
const store = new DayStore(dir, () => []);
const day = await store.open(id);
const session = new ReplaySession(day);
await session.seek(day.meta.startTs);
let seed = 11;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const times: number[] = [];
for (let i = 0; i < 50; i++) {
  const target = day.meta.startTs + rnd() * (day.meta.endTs - day.meta.startTs);
  const t0 = performance.now();
  await session.seek(target);
  times.push(performance.now() - t0);
}
console.log(JSON.stringify({ times }));
