import { loadConfig } from '../../server/config';
import { Fleet } from '../../server/fleet';
import { createApiHandler } from '../../server/http/api';
import { createAppServer } from '../../server/app-server';
import { createLogger } from '../../server/logger';

/** The real ingest path (validation, durable fsynced log, engine), without Next. Prints LISTENING <port>. */
const cfg = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'warn', SIMULATOR: 'off' });
const logger = createLogger('warn');
const fleet = await Fleet.open({ dataDir: cfg.dataDir, logger, snapshotEveryEvents: 10_000_000 });
const server = createAppServer(createApiHandler(cfg, fleet, logger));
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`LISTENING ${typeof a === 'object' && a ? a.port : 0}`);
});
