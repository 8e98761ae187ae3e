import fs from 'node:fs';
import type { FleetEvent } from '../../lib/events';
import { validateEvent } from '../../lib/validate';

export interface ReadStats {
  lines: number;
  events: number;
  skipped: number;
  /** the first few reasons, with line numbers */
  reasons: string[];
  bytesRead: number;
  bytesTotal: number;
}

/**
 * Validated events of an NDJSON file, read in 4 MB chunks (a day can be gigabytes). Lines that
 * are not JSON or not valid events are skipped and counted, with their reason.
 */
export function* readNdjsonEvents(file: string, stats: ReadStats): Generator<FleetEvent> {
  const fd = fs.openSync(file, 'r');
  stats.bytesTotal = fs.fstatSync(fd).size;
  const buf = Buffer.alloc(4 * 1024 * 1024);
  let rest = '';
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      stats.bytesRead += n;
      const text = rest + (n ? buf.toString('utf8', 0, n) : '');
      const lines = text.split('\n');
      rest = n ? lines.pop()! : '';
      for (const line of lines) {
        stats.lines++;
        const trimmed = line.trim();
        if (!trimmed) continue;
        let raw: unknown;
        try {
          raw = JSON.parse(trimmed);
        } catch {
          skip(stats, `line ${stats.lines}: not JSON`);
          continue;
        }
        const r = validateEvent(raw);
        if (!r.ok) skip(stats, `line ${stats.lines}: ${r.error}`);
        else {
          stats.events++;
          yield r.event;
        }
      }
      if (!n) break;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function skip(stats: ReadStats, reason: string): void {
  stats.skipped++;
  if (stats.reasons.length < 10) stats.reasons.push(reason);
}

export function emptyReadStats(): ReadStats {
  return { lines: 0, events: 0, skipped: 0, reasons: [], bytesRead: 0, bytesTotal: 0 };
}
