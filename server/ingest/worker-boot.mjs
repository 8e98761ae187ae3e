// A worker thread starts without the TypeScript loader its parent may have: register tsx here,
// then load the TypeScript entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
