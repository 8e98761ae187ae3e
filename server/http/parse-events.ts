import { isUtf8 } from 'node:buffer';
import { HttpError } from './respond';

export interface ParsedBody {
  raw: unknown[];
  /** index -> why that line is not an event */
  parseErrors: Map<number, string>;
  /** NDJSON: each event's own line, which the log can keep as it came instead of re-encoding it */
  lines: string[] | null;
  /**
   * The body itself when it is exactly those lines, each ended by a newline, in valid UTF-8 (no
   * blank lines, no spaces or \r around them): the log can then write these bytes as they came.
   */
  bytes: Buffer | null;
}

const NDJSON = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/jsonlines']);

export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

export function isSupportedType(type: string): boolean {
  return type === 'application/json' || NDJSON.has(type);
}

/**
 * Splits an ingest body into raw events. NDJSON: one event a non-empty line; a line that is not
 * JSON is rejected on its own (its index counts like any other), but a body in which no line is
 * JSON is not NDJSON at all (400). JSON: one event or an array of events.
 */
export function parseEvents(body: Buffer, type: string, maxEvents: number): ParsedBody {
  const text = body.toString('utf8');
  const parseErrors = new Map<number, string>();
  let raw: unknown[];
  let lines: string[] | null = null;
  let bytes: Buffer | null = null;
  if (type === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new HttpError(400, 'invalid_json', `body: must be JSON (${(err as Error).message})`);
    }
    raw = Array.isArray(value) ? value : [value];
  } else {
    raw = [];
    lines = ndjsonLines(text);
    if (lines.length > maxEvents) throw tooMany(maxEvents);
    let good = 0;
    let lineChars = 0;
    for (const line of lines) {
      lineChars += line.length + 1;
      try {
        raw.push(JSON.parse(line));
        good++;
      } catch (err) {
        parseErrors.set(raw.length, `event: must be one JSON object per line (${(err as Error).message})`);
        raw.push(undefined);
      }
    }
    if (raw.length && !good) throw new HttpError(400, 'invalid_ndjson', 'body: no line is a JSON event (application/x-ndjson: one JSON object per line)');
    // Trimmed lines that add up to the whole text (one newline each, the last one included) mean
    // nothing was trimmed or skipped.
    if (lineChars === text.length && text.endsWith('\n') && isUtf8(body)) bytes = body;
  }
  if (raw.length > maxEvents) throw tooMany(maxEvents);
  return { raw, parseErrors, lines, bytes };
}

/** The events' lines of an NDJSON text: each line trimmed, blank lines skipped. */
export function ndjsonLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line) lines.push(line);
  }
  return lines;
}

function tooMany(max: number): HttpError {
  return new HttpError(413, 'too_many_events', `body: must hold at most ${max} events`);
}
