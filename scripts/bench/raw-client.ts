import { WebSocket } from 'ws';

/**
 * A light Socket.IO client for load tests: speaks the wire protocol over one WebSocket, answers
 * pings, counts `vehicles` frames and parses only those it is asked to watch for.
 */
export class RawLiveClient {
  frames = 0;
  bytes = 0;
  private waiters: { ts: number; resolve: (at: number) => void }[] = [];
  private constructor(readonly ws: WebSocket) {}

  static connect(port: number): Promise<RawLiveClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    const c = new RawLiveClient(ws);
    return new Promise((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const first = data[0];
        if (first === 0x32 /* '2' ping */ && data.length === 1) return ws.send('3');
        if (first === 0x30 /* '0' open */) return ws.send('40');
        if (first === 0x34 && data[1] === 0x30 /* '40' connected */) return resolve(c);
        if (first === 0x34 && data[1] === 0x32 /* '42' event */) c.onEvent(data);
      });
      ws.on('error', reject);
    });
  }

  private onEvent(data: Buffer): void {
    // 42["vehicles",{...}]
    if (data[4] !== 0x76 /* v */) return;
    this.frames++;
    this.bytes += data.length;
    if (!this.waiters.length) return;
    const at = performance.now();
    const text = data.toString();
    this.waiters = this.waiters.filter((w) => {
      if (!text.includes(`"ts":${w.ts}`)) return true;
      w.resolve(at);
      return false;
    });
  }

  /** Resolves with the time (performance.now) a frame carrying a vehicle at `ts` arrived. */
  waitFor(ts: number): Promise<number> {
    return new Promise((resolve) => this.waiters.push({ ts, resolve }));
  }

  /** Stops reading from the network: the server sees a client that cannot keep up. */
  stall(): void {
    (this.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  }

  close(): void {
    this.ws.terminate();
  }
}
