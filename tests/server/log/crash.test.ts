import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SegmentLog } from '../../../server/log/segment-log';
import { rmDir, segmentFiles, tmpDir } from './helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const appender = path.join(here, 'fixtures', 'appender.ts');
const SEGMENT_BYTES = 16 * 1024; // small, so the run crosses several segment rolls

let dir: string;
beforeEach(() => {
  dir = tmpDir();
});
afterEach(() => rmDir(dir));

/** Runs the appender, SIGKILLs it ~300 ms in; returns the acknowledged seqs it printed. */
function runAndKill(logDir: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', appender, logDir, String(SEGMENT_BYTES)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: number[] = [];
    let buf = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'ready') continue;
        acked.push(Number(line));
        // Kill ~300 ms after the first acknowledgement (robust to slow tsx startup).
        timer ??= setTimeout(() => child.kill('SIGKILL'), 300);
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`appender exited early (${code}): ${stderr}`));
      else resolve(acked); // a partial last stdout line (no '\n') is ignored
    });
  });
}

describe('SegmentLog crash safety', () => {
  it('keeps every acknowledged append across SIGKILL', async () => {
    const acked = await runAndKill(dir);
    expect(acked.length).toBeGreaterThan(0);
    const maxAcked = Math.max(...acked);

    const log = new SegmentLog(dir, { segmentBytes: SEGMENT_BYTES });
    await log.open();
    expect(log.lastSeq).toBeGreaterThanOrEqual(maxAcked);
    expect(segmentFiles(dir).length).toBeGreaterThan(1); // rolled at least once

    let expected = 1;
    const delivered = await log.replay(1, (line, seq) => {
      expect(seq).toBe(expected++);
      const ev = JSON.parse(line);
      expect(ev).toMatchObject({ type: 'loc', n: seq, vehicle: `v${seq % 13}` });
    });
    expect(delivered).toBe(log.lastSeq);
    expect(delivered).toBeGreaterThanOrEqual(maxAcked);
    console.info(`crash test: ${acked.length} acks, max acked seq ${maxAcked}, recovered lastSeq ${log.lastSeq}, ${segmentFiles(dir).length} segments`);

    // The log is still appendable at the right seq after the crash.
    expect(await log.append([JSON.stringify({ type: 'loc', n: log.lastSeq + 1 })])).toBe(delivered + 1);
    await log.close();
  }, 30_000);
});
