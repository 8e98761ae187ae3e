import type { Redis } from 'ioredis';
import type { Logger } from '../logger';

/** One stream entry as XREADGROUP returns it; fields are null for an entry deleted while pending. */
export type StreamEntry = [id: string, fields: string[] | null];

export interface StreamReaderOptions {
  /** a connection of its own: XREADGROUP BLOCK holds it */
  client: Redis;
  stream: string;
  group: string;
  consumer: string;
  /** at most this many entries in memory at once */
  count: number;
  blockMs: number;
  logger?: Logger;
  /** applies a batch, synchronously, in stream order */
  apply(entries: StreamEntry[]): void;
  /** the group is gone (destroyed, or the stream deleted): recreate it where this process is */
  recreateGroup(): Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Reads this process's consumer group: applies each batch, then XACKs it. After any error (Redis
 * gone, a reply lost with its connection) it first re-reads the group's own pending entries, those
 * delivered but maybe never seen, then goes on with new ones: nothing delivered is skipped. The
 * caller makes applying idempotent (it skips ids it has applied already).
 */
export class StreamReader {
  /** '0' or a pending id: re-reading own pending entries after it; '>' new entries */
  private cursor = '0';
  private unacked: string[] = [];
  private readonly stop$ = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(private readonly o: StreamReaderOptions) {}

  /** Reads everything the stream holds now, without blocking; resolves with the count. */
  async catchUp(onProgress?: (entries: number) => void): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.readOnce(false);
      if (n === 0 && this.cursor === '>') return total;
      total += n;
      onProgress?.(total);
    }
  }

  /** Starts the blocking read loop; it runs until `stop`, riding out Redis outages. */
  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stop$.abort();
    this.o.client.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stop$.signal.aborted) {
      try {
        await this.readOnce(true);
        if (failures) this.o.logger?.info({ group: this.o.group, failures }, 'stream reader resumed');
        failures = 0;
      } catch (err) {
        if (this.stop$.signal.aborted) break;
        this.cursor = '0';
        failures++;
        if (failures === 1) this.o.logger?.warn({ err: (err as Error).message, group: this.o.group }, 'stream read failed; retrying with backoff');
        if (/NOGROUP/.test((err as Error).message)) {
          await this.o.recreateGroup().catch(() => undefined);
        }
        await sleep(Math.min(100 * 2 ** Math.min(failures - 1, 5), 2000), this.stop$.signal);
      }
    }
  }

  private async readOnce(block: boolean): Promise<number> {
    await this.ack();
    const { client, stream, group, consumer, count, blockMs } = this.o;
    const wait = block && this.cursor === '>' ? ['BLOCK', blockMs] : [];
    const reply = (await client.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, ...wait, 'STREAMS', stream, this.cursor)) as
      | [string, StreamEntry[]][]
      | null;
    const entries = reply?.[0]?.[1] ?? [];
    if (this.cursor !== '>') this.cursor = entries.length ? entries[entries.length - 1][0] : '>';
    if (!entries.length) return 0;
    this.o.apply(entries);
    this.unacked = entries.map((e) => e[0]);
    await this.ack();
    return entries.length;
  }

  /** Acknowledges the last applied batch (kept until Redis takes it: at most one batch). */
  private async ack(): Promise<void> {
    if (!this.unacked.length) return;
    await this.o.client.xack(this.o.stream, this.o.group, ...this.unacked);
    this.unacked = [];
  }
}
