import { parentPort, workerData } from 'node:worker_threads';
import { roadsBody } from './roads-body';

/** Makes one roads body (see roadsBody) and hands it to the main thread; or says it could not. */
try {
  parentPort!.postMessage(roadsBody((workerData as { spec: string }).spec));
} catch (err) {
  parentPort!.postMessage({ error: (err as Error)?.message ?? String(err) });
}
