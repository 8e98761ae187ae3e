import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { HttpError } from '../http/respond';
import { decodeBatch } from './batch-codec';
import type { ParseReady, ParseReply, ParseTask } from './parse-protocol';
import { parseRequest, requestText, type ParsedRequest } from './parse-request';

interface Waiting {
  worker: Worker;
  body: Buffer;
  type: string;
  maxEvents: number;
  resolve: (p: ParsedRequest) => void;
  reject: (err: Error) => void;
}

/**
 * Parses and validates ingest bodies on worker threads, so that the main thread, which owns the
 * engine, the log and every socket, spends its time on what only it can do. The threads start
 * with the first body (a server fed only by its built-in fleet or by sockets never needs them);
 * until one is loaded, with 0 threads, or once a thread has failed, bodies are parsed on the
 * calling thread instead: the answer is the same either way, only where the work runs differs.
 */
export class IngestParser {
  /** threads loaded and taking bodies */
  private readonly workers: Worker[] = [];
  /** threads still loading: until one is ready, bodies are parsed here, so a first request never waits for a thread to start */
  private readonly starting = new Set<Worker>();
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private turn = 0;
  private started = false;
  private closed = false;
  private settle!: () => void;
  private readonly settled = new Promise<void>((resolve) => (this.settle = resolve));

  constructor(
    private readonly wanted: number,
    private readonly logger?: Logger,
  ) {
    if (!wanted) this.settle();
  }

  /**
   * Starts the threads now instead of with the first body, and resolves once one takes bodies, or
   * once none is left loading (then parsing is here).
   */
  ready(): Promise<void> {
    this.start();
    return this.settled;
  }

  /** Threads taking bodies now (0: parsing on the calling thread). */
  get threads(): number {
    return this.workers.length;
  }

  parse(body: Buffer, type: string, maxEvents: number): Promise<ParsedRequest> {
    this.start();
    if (!this.workers.length) return Promise.resolve().then(() => parseRequest(body, type, maxEvents));
    const worker = this.workers[this.turn++ % this.workers.length];
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { worker, body, type, maxEvents, resolve, reject });
      // A body in shared memory is handed over as it is (both threads only read it); any other is
      // copied, as this thread keeps its own for the log.
      const shared = body.buffer instanceof SharedArrayBuffer;
      worker.postMessage({ id, body: shared ? body : new Uint8Array(body), type, maxEvents } satisfies ParseTask);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.settle();
    const workers = [...this.workers.splice(0), ...this.starting];
    this.starting.clear();
    await Promise.all(workers.map((w) => w.terminate()));
    for (const w of workers) this.parseHere(w);
  }

  private start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    for (let i = 0; i < this.wanted; i++) this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./parse-worker.ts', import.meta.url).href },
    });
    worker.unref();
    worker.on('message', (msg: ParseReply | ParseReady) => {
      if (!('ready' in msg)) return this.answer(msg);
      if (this.starting.delete(worker)) this.workers.push(worker);
      this.settle();
    });
    const lost = (why: string) => {
      const wasStarting = this.starting.delete(worker);
      const i = this.workers.indexOf(worker);
      if (i < 0 && !wasStarting) return;
      if (i >= 0) this.workers.splice(i, 1);
      if (!this.starting.size) this.settle();
      if (!this.closed) this.logger?.warn({ why }, 'an ingest parsing thread stopped; the main thread parses what it held');
      // Requests it held are parsed here; replies it still sends for them are ignored.
      this.parseHere(worker);
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`exit ${code}`));
    this.starting.add(worker);
  }

  private answer(reply: ParseReply): void {
    const w = this.waiting.get(reply.id);
    if (!w) return;
    this.waiting.delete(reply.id);
    if (reply.ok) w.resolve({ validated: decodeBatch(reply.batch), count: reply.count, text: requestText(w.body, reply.ndjson, reply.whole) });
    else if (reply.status !== undefined) w.reject(new HttpError(reply.status, reply.code!, reply.message, reply.headers));
    else w.reject(new Error(`ingest parsing failed: ${reply.message}`));
  }

  /** The requests a stopped thread held are parsed on this one. */
  private parseHere(worker: Worker): void {
    for (const [id, w] of this.waiting) {
      if (w.worker !== worker) continue;
      this.waiting.delete(id);
      try {
        w.resolve(parseRequest(w.body, w.type, w.maxEvents));
      } catch (err) {
        w.reject(err as Error);
      }
    }
  }
}
