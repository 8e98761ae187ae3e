import { benchCore } from './core';
import { benchLive } from './live';
import { benchDay } from './day';
import { benchEta } from './eta';
import { benchPage } from './page';

/**
 * `npm run bench [-- SECTION...]`: every speed and memory target, measured side by side in one
 * run and printed as ratios. Sections: core, live, day, page, eta (Porto routing and ETA accuracy; `--minutes N`: page's heap run, default 10).
 */
const sections: Record<string, () => Promise<void>> = { core: benchCore, live: benchLive, day: benchDay, page: benchPage, eta: benchEta };
/** options followed by a value (the value is not a section name) */
const VALUE_OPTIONS = new Set(['--minutes']);
const wanted = process.argv.slice(2).filter((a, i, all) => !a.startsWith('-') && !VALUE_OPTIONS.has(all[i - 1] ?? ''));
const run = wanted.length ? wanted : Object.keys(sections);
for (const name of run) {
  if (name !== run[0]) await new Promise((r) => setTimeout(r, 1000));
  const section = sections[name];
  if (!section) {
    console.error(`bench: unknown section "${name}" (known: ${Object.keys(sections).join(', ')})`);
    process.exit(2);
  }
  console.log(`\n=== ${name} ===`);
  await section();
}
