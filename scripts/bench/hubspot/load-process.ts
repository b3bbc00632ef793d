// Process entry of the load generator (bench:hubspot burst_ingest): HubSpot's webhook sender
// in a process of its own, so neither its CPU nor its event loop is the app's. One message in
// (options), one message out (LoadResult), then it exits.
import { runLoad, type LoadOptions } from './load-client.ts';

process.once('message', (m: { options: LoadOptions; seqStart: number }) => {
  runLoad(m.options, m.seqStart).then(
    (result) => process.send!({ ok: true, result }, () => process.disconnect()),
    (err: Error) => process.send!({ ok: false, error: err.stack ?? err.message }, () => process.disconnect()),
  );
});
