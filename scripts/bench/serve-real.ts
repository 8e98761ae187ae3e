import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';

/**
 * The real server (validation, durable log, engine, Socket.IO) without Next, on a free port.
 * Prints LISTENING <port>.
 */
const cfg = loadConfig({ ...process.env, REDIS_URL: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SIMULATOR: 'off', SNAPSHOT_EVERY_EVENTS: '10000000' });
const app = await createApp({ cfg, logger: createLogger('warn') });
const port = await app.listen(0, '127.0.0.1');
// Measured as it runs once started: with its ingest parsing thread loaded.
await app.ingestParser.ready();
console.log(`LISTENING ${port}`);
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
