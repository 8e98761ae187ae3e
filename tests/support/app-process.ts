import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface AppProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The whole product as a user runs it (`server/main.ts` with the built dashboard), on a free port
 * with its own data folder. Needs `next build` to have run (npm test does that).
 */
export async function startApp(env: Record<string, string> = {}): Promise<AppProcess> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!fs.existsSync(path.resolve(distDir, 'BUILD_ID'))) throw new Error(`no Next build in ${distDir}: run \`npx next build\` (npm test does it)`);
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-app-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    // Only PATH and HOME come from this process: `npm test` exports REDIS_URL for the Redis tests,
    // and an app that picked it up would share one Redis fleet with every other test's app.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', SIMULATOR: 'off', ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: distDir } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in 60 s:\n${log}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      log += c.toString();
      const m = /"port":(\d+).*dashboard on/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code}:\n${log}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    dataDir,
    child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!env.DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
