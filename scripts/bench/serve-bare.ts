import http from 'node:http';

/**
 * The floor for HTTP ingest: a bare Node server that reads the body, parses each NDJSON line and
 * answers 200, with no validation, engine or log. Prints LISTENING <port>.
 */
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let n = 0;
    let start = 0;
    for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
      if (end > start) {
        JSON.parse(text.slice(start, end));
        n++;
      }
      start = end + 1;
    }
    const body = JSON.stringify({ accepted: n, duplicates: 0, rejected: [] });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`LISTENING ${typeof a === 'object' && a ? a.port : 0}`);
});
