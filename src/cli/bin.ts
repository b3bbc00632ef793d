#!/usr/bin/env node
// lead-router CLI entry point (package.json "bin"). All logic lives in program.ts.
import { processIo } from './io.ts';
import { run } from './program.ts';

// `lead-router simulate big.csv | head`: the reader going away is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await run(process.argv, processIo());
