// Thread entry of the load generator: the sender gets its own event loop (and, on two cores,
// its own core while the app's loop is busy), so its work is not counted as the app's latency.
import { parentPort, workerData } from 'node:worker_threads';
import { runLoad, type LoadOptions } from './load-client.ts';

const { options, seqStart } = workerData as { options: LoadOptions; seqStart: number };
runLoad(options, seqStart).then(
  (result) => parentPort!.postMessage({ ok: true, result }),
  (err: Error) => parentPort!.postMessage({ ok: false, error: err.stack ?? err.message }),
);
