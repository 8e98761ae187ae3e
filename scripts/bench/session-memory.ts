import { DayStore } from '../../server/days/day-store';
import { ReplaySession } from '../../server/replay/session';

/** Heap and RSS that one replay session adds, seeked to the middle of a prepared day. */
const [dir, id] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc!;
const store = new DayStore(dir, () => []);
const day = await store.open(id);
gc();
const before = process.memoryUsage();
const session = new ReplaySession(day);
await session.seek((day.meta.startTs + day.meta.endTs) / 2);
gc();
gc();
const after = process.memoryUsage();
console.log(JSON.stringify({ heapMb: (after.heapUsed - before.heapUsed) / 1048576, rssMb: (after.rss - before.rss) / 1048576, keep: session.ts > 0 }));
