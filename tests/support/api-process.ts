/**
 * Child-process entry for crash tests: the API server of `startApiServer` on DATA_DIR and port 0,
 * printing `LISTENING <port>` once it accepts connections. SIGTERM shuts down like `server/main.ts`
 * (stop serving, snapshot, close the log); SIGKILL is the crash.
 */
import { startApiServer } from './server';

const env: Record<string, string> = {};
for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;

const api = await startApiServer(env);
process.stdout.write(`LISTENING ${api.port}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await api.close({ keepData: true, snapshot: true });
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
