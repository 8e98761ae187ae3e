import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp dir per test; call the returned cleanup in afterEach/finally. */
export function tmpDir(prefix = 'seglog-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function rmDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function segmentFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.endsWith('.ndjson')).sort();
}

export const ev = (i: number) => JSON.stringify({ type: 'loc', i, vehicle: `v${i % 7}` });
