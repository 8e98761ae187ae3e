import { parentPort } from 'node:worker_threads';
import { HttpError } from '../http/respond';
import { encodeBatch } from './batch-codec';
import type { ParseReady, ParseReply, ParseTask } from './parse-protocol';
import { parseRequest } from './parse-request';

/** The ingest parsing thread: bodies in, validated batches out (see IngestParser). */
parentPort!.on('message', (task: ParseTask) => {
  const body = Buffer.from(task.body.buffer, task.body.byteOffset, task.body.byteLength);
  let reply: ParseReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const parsed = parseRequest(body, task.type, task.maxEvents);
    const encoded = encodeBatch(parsed.validated);
    transfer = encoded.transfer;
    reply = { id: task.id, ok: true, batch: encoded.batch, count: parsed.count, ndjson: parsed.text.lines !== null, whole: parsed.text.bytes !== null };
  } catch (err) {
    reply =
      err instanceof HttpError
        ? { id: task.id, ok: false, status: err.status, code: err.code, message: err.message, headers: err.headers }
        : { id: task.id, ok: false, message: (err as Error)?.message ?? String(err) };
  }
  parentPort!.postMessage(reply, transfer);
});
// Loaded (TypeScript compiled and all): from now on the main thread sends bodies here.
parentPort!.postMessage({ ready: true } satisfies ParseReady);
