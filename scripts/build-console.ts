#!/usr/bin/env node
// Build the admin console's front end (src/console: Preact + htm) into dist/console with
// esbuild: one ES module bundle and one stylesheet, minified, no source maps, no CDN. npm
// install runs it (postinstall); `npm run build:console` rebuilds after editing src/console.
// The output depends only on the sources and the locked package versions.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'dist/console');

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: [
    { in: 'src/console/main.ts', out: 'console' },
    { in: 'src/console/console.css', out: 'console' },
  ],
  bundle: true,
  format: 'esm',
  splitting: true, // pages loaded on demand (the Rules page's editor) become chunks/*.js
  chunkNames: 'chunks/[name]-[hash]',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  minify: true,
  legalComments: 'none',
  outdir,
  logLevel: 'warning',
});
console.log(`console built: ${outdir}`);
