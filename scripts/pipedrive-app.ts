#!/usr/bin/env node
// Writes docs/pipedrive-app.md (the Pipedrive app's Developer Hub settings) from
// connectors/pipedrive/app-manifest/manifest.ts.
//   npm run pipedrive:app              regenerate
//   npm run pipedrive:app -- --check   exit 1 if the committed file is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PIPEDRIVE_APP_DOC, renderPipedriveAppDoc } from '../connectors/pipedrive/app-manifest/render.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, PIPEDRIVE_APP_DOC);
const text = renderPipedriveAppDoc();
let current: string | null = null;
try {
  current = readFileSync(target, 'utf8');
} catch {
  // missing counts as stale
}
if (current === text) process.stdout.write(`${PIPEDRIVE_APP_DOC} is up to date\n`);
else if (process.argv.includes('--check')) {
  process.stderr.write(`${PIPEDRIVE_APP_DOC} is stale: run npm run pipedrive:app\n`);
  process.exitCode = 1;
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${PIPEDRIVE_APP_DOC}\n`);
}
