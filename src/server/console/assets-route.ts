// The console's front end: /admin serves the shell, /admin/assets/* the bundle built from
// src/console by scripts/build-console.ts (npm install runs it). A missing bundle is a 503 that
// names the command to run, never a blank page.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { messageHtml, setPageHeaders, shellHtml } from './pages.ts';
import { newSecret } from './tokens.ts';

export function createConsoleAssetsRouter(assetsDir: string): Router {
  const router = Router();
  const bundle = join(assetsDir, 'console.js');
  const version = () => (existsSync(bundle) ? statSync(bundle).mtimeMs.toString(36) : '0');

  router.get(['/admin', '/admin/'], (_req, res) => {
    const nonce = newSecret();
    setPageHeaders(res, nonce);
    if (!existsSync(bundle)) {
      res.status(503).type('html').send(messageHtml('Console not built', `The console bundle is missing (${bundle}). Run \`npm run build:console\` (npm install runs it), then reload.`));
      return;
    }
    res.type('html').send(shellHtml(version(), nonce));
  });
  router.use('/admin/assets', express.static(assetsDir, { index: false, fallthrough: false, maxAge: '1h' }));
  return router;
}

/** For tests: whether the built bundle is there. */
export function consoleBuilt(assetsDir: string): boolean {
  return existsSync(join(assetsDir, 'console.js')) && readFileSync(join(assetsDir, 'console.js'), 'utf8').length > 0;
}
