import next from 'next';
import { loadConfig, ConfigError } from './config';
import { Fleet } from './fleet';
import { createApiHandler } from './http/api';
import { createAppServer } from './app-server';
import { createLogger } from './logger';

/** `npm start` / `npm run dev`: the dashboard, the APIs and (later) Socket.IO on one port. */
async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  let cfg;
  try {
    cfg = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(cfg.logLevel);
  const fleet = await Fleet.open({
    dataDir: cfg.dataDir,
    engine: { allowedLatenessMs: cfg.allowedLatenessMs },
    snapshotEveryEvents: cfg.snapshotEveryEvents,
    snapshotEveryMs: cfg.snapshotEveryMs,
    logRetentionMs: cfg.logRetentionMs,
    logger,
    onRecoverProgress: (n) => logger.info({ replayed: n }, 'rebuilding state from the log'),
  });
  const pages = next({ dev, dir: process.cwd() });
  await pages.prepare();
  const server = createAppServer(createApiHandler(cfg, fleet, logger), {
    request: pages.getRequestHandler(),
    upgrade: pages.getUpgradeHandler(),
  });
  server.listen(cfg.port, cfg.host, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : cfg.port;
    logger.info({ port, dataDir: cfg.dataDir, dev }, `dashboard on http://localhost:${port}`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    server.closeAllConnections();
    await fleet.snapshot();
    await fleet.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
