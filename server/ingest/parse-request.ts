import { bodyLines, parseEvents } from '../http/parse-events';
import { validateBatch, type RequestText, type ValidatedBatch } from './pipeline';

/** An ingest request's body, parsed and validated: all the work that needs no engine state. */
export interface ParsedRequest {
  validated: ValidatedBatch;
  /** events in the request, good or not (what the rate limit counts) */
  count: number;
  text: RequestText;
}

/** Parses and validates on the calling thread. Throws HttpError for a body that is not events. */
export function parseRequest(body: Buffer, type: string, maxEvents: number): ParsedRequest {
  const p = parseEvents(body, type, maxEvents);
  return { validated: validateBatch(p.raw, p.parseErrors, p.checked), count: p.raw.length, text: { lines: p.lines, bytes: p.bytes } };
}

/**
 * The request text of a body parsed elsewhere: its lines are split out only if the log asks for
 * them (when not every line was good), the same way parseEvents split them.
 */
export function requestText(body: Buffer, ndjson: boolean, whole: boolean): RequestText {
  return { lines: ndjson ? () => bodyLines(body) : null, bytes: whole ? body : null };
}
