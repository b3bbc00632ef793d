#!/usr/bin/env node
// Writes lead-router's HubSpot developer-platform project (connectors/hubspot/app/) from
// connectors/hubspot/app-project/manifest.ts (scopes, subscriptions, backend paths).
//   npm run hubspot:project                                   regenerate (keeps the committed base URL)
//   npm run hubspot:project -- --base-url https://leads.example.com --support-email help@example.com
//   npm run hubspot:project -- --check                        exit 1 if the committed files are stale
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { committedDeploymentValues, expectedProjectFiles } from '../connectors/hubspot/app-project/project-files.ts';
import { HUBSPOT_PROJECT_DIR } from '../connectors/hubspot/app-project/render-project.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

try {
  const committed = committedDeploymentValues(root);
  const files = expectedProjectFiles(root, {
    baseUrl: flag('--base-url') ?? committed.baseUrl,
    supportEmail: flag('--support-email') ?? committed.supportEmail,
  });
  const stale: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const target = join(root, HUBSPOT_PROJECT_DIR, rel);
    let current: string | null = null;
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current === text) continue;
    stale.push(rel);
    if (!args.includes('--check')) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  }
  if (args.includes('--check')) {
    if (stale.length) {
      process.stderr.write(`${HUBSPOT_PROJECT_DIR} is stale (${stale.join(', ')}): run npm run hubspot:project\n`);
      process.exitCode = 1;
    } else process.stdout.write(`${HUBSPOT_PROJECT_DIR} is up to date\n`);
  } else process.stdout.write(stale.length ? `wrote ${stale.map((f) => `${HUBSPOT_PROJECT_DIR}/${f}`).join(', ')}\n` : `${HUBSPOT_PROJECT_DIR} is up to date\n`);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
}
