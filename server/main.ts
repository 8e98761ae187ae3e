import next from 'next';
import { createApp } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { createLogger } from './logger';

/** `npm start` / `npm run dev`: the dashboard, the APIs and Socket.IO on one port. */
async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  let cfg: ServerConfig;
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
  const pages = next({ dev, dir: process.cwd() });
  await pages.prepare();
  const app = await createApp({
    cfg,
    logger,
    dev,
    pages: { request: pages.getRequestHandler(), upgrade: pages.getUpgradeHandler() },
  });
  const port = await app.listen();
  logger.info({ port, dataDir: cfg.dataDir, dev }, `dashboard on http://localhost:${port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close({ snapshot: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
