#!/usr/bin/env node
// Writes config/lead-router.schema.json from the zod config schema.
//   npm run schema            regenerate the file
//   npm run schema -- --check exit 1 if the committed file is stale (CI)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_JSON_SCHEMA_PATH, generateConfigJsonSchema } from '../src/config/json-schema.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, CONFIG_JSON_SCHEMA_PATH);
const text = generateConfigJsonSchema();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    process.stderr.write(`${CONFIG_JSON_SCHEMA_PATH} is stale: run npm run schema\n`);
    process.exitCode = 1;
  } else process.stdout.write(`${CONFIG_JSON_SCHEMA_PATH} is up to date\n`);
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${CONFIG_JSON_SCHEMA_PATH} (${text.length} bytes)\n`);
}
