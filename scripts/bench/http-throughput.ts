import http from 'node:http';

/** POSTs NDJSON bodies with `concurrency` requests in flight; returns events per second. */
export async function postAll(port: number, bodies: string[], eventsPerBody: number, concurrency = 4): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: '/api/ingest', method: 'POST', agent, headers: { 'content-type': 'application/x-ndjson', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 200) return reject(new Error(`ingest answered ${res.statusCode}: ${Buffer.concat(chunks).toString()}`));
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) await post(bodies[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const secs = (performance.now() - started) / 1000;
  agent.destroy();
  return (bodies.length * eventsPerBody) / secs;
}
