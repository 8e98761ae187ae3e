import { benchCore } from './core';

/**
 * `npm run bench [-- SECTION...]`: every speed and memory target, measured side by side in one
 * run and printed as ratios. Sections: core.
 */
const sections: Record<string, () => Promise<void>> = { core: benchCore };
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const run = wanted.length ? wanted : Object.keys(sections);
for (const name of run) {
  const section = sections[name];
  if (!section) {
    console.error(`bench: unknown section "${name}" (known: ${Object.keys(sections).join(', ')})`);
    process.exit(2);
  }
  console.log(`\n=== ${name} ===`);
  await section();
}
