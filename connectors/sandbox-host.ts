// One base URL in front of several sandboxes (HubSpot portals or Pipedrive companies), as the
// real CRM serves every account from one host: each request goes to the sandbox that issued its
// credential (bearer token, API token, authorization code, refresh token, token-info key), and
// the consent page to the account the simulated user picked (`consentAs`). Each sandbox keeps
// its own tokens, records, rate limits and webhooks.
import express, { type Express, type Request } from 'express';
import { createSandboxServer } from './sandbox-server.ts';

export interface HostedSandbox {
  app: Express;
  knows(credential: string): boolean;
}

function credentialsOf(req: Request): string[] {
  const found: string[] = [];
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  if (bearer) found.push(bearer[1] as string);
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  for (const key of ['code', 'refresh_token', 'tokenKey', 'token']) if (typeof body[key] === 'string') found.push(body[key]);
  if (typeof req.query['api_token'] === 'string') found.push(req.query['api_token']);
  const apiToken = req.get('x-api-token');
  if (apiToken) found.push(apiToken);
  // GET/DELETE /oauth/v1/access-tokens/{token}, /oauth/v1/refresh-tokens/{token} (HubSpot)
  const inPath = /\/oauth\/v1\/(?:access|refresh)-tokens\/([^/]+)$/.exec(req.path);
  if (inPath) found.push(decodeURIComponent(inPath[1] as string));
  return found;
}

export function createSandboxHost<T extends HostedSandbox>(sandboxes: T[]) {
  if (sandboxes.length === 0) throw new RangeError('a sandbox host needs at least one sandbox');
  let consenting: T = sandboxes[0]!;
  const app = express();
  app.disable('x-powered-by');
  // Parsed here to find the credential; the sandbox's own parsers see a finished stream and skip.
  app.use(express.json({ limit: '5mb' }));
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res, next) => {
    const credentials = credentialsOf(req);
    const target = req.path.endsWith('/oauth/authorize') ? consenting : sandboxes.find((s) => credentials.some((c) => s.knows(c)));
    if (!target) {
      res.status(401).json({ status: 'error', message: 'No account behind this sandbox host issued these credentials' });
      return;
    }
    target.app(req, res, next);
  });
  const server = createSandboxServer(app, () => undefined);
  return {
    app,
    listen: server.listen,
    close: server.close,
    /** The account the simulated user installs into on the next consent. */
    consentAs(sandbox: T): void {
      consenting = sandbox;
    },
  };
}
