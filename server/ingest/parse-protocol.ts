import type { EncodedBatch } from './batch-codec';

/** What the main thread sends the parsing thread: one request body. */
export interface ParseTask {
  id: number;
  body: Uint8Array;
  type: string;
  maxEvents: number;
}

/** What comes back: the validated batch, or why the body is not events (an HTTP error, or a fault). */
export type ParseReply =
  | { id: number; ok: true; batch: EncodedBatch; count: number; ndjson: boolean; whole: boolean }
  | { id: number; ok: false; status?: number; code?: string; message: string; headers?: Record<string, string> };

/** Sent once by a parsing thread when it is loaded and takes bodies. */
export interface ParseReady {
  ready: true;
}
