import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateEvent } from '../../lib/validate';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const simulate = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('npm run simulate', () => {
  it('writes a day of valid NDJSON events, ground truth, and a summary', () => {
    const out = path.join(dir, 'day.ndjson');
    const truth = path.join(dir, 'truth.ndjson');
    const r = simulate('--seed', '7', '--drivers', '3', '--date', '2026-11-25', '--out', out, '--truth', truth);
    expect(r.stderr).toMatch(/100%/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/drivers\s+3/);
    expect(r.stdout).toMatch(/on time\s+[\d.]+% of deliveries/);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1000);
    expect(lines.every((l) => validateEvent(JSON.parse(l)).ok)).toBe(true);
    expect(Number(/events\s+(\d+)/.exec(r.stdout)![1])).toBe(lines.length);
    const kinds = new Set(readFileSync(truth, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind));
    expect(kinds).toEqual(new Set(['shift', 'order', 'arrival', 'fault']));
  });

  it('fails with exit code 2 and a message naming the flag and the rule', () => {
    const r = simulate('--drivers', '0');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('simulate: --drivers: must be between 1 and 100000');
    const s = simulate('--city', path.join(dir, 'missing.geojson'));
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/^simulate: --city: cannot read/);
  });
});
