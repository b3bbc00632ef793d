#!/usr/bin/env node
// Unauthenticated flood: N parallel posts of a large body to the webhook routes of a real
// `lead-router serve` child process, measuring the server's RSS (/proc/<pid>/status, sampled
// every 20 ms) before, at peak, and after. Target (issue 8): 300 parallel 9.5 MB posts add
// < 50 MB RSS. Scenarios:
//   pipedrive          no Basic credentials, Content-Length 9.5 MB (refused from the headers)
//   hubspot            well-formed v3 headers (wrong signature), Content-Length 9.5 MB (413 unread)
//   hubspot-chunked    same headers, chunked (no length): read up to the 1 MiB cap, 16 at a time
//
//   node scripts/bench/unauth-flood.ts [--parallel 300] [--mb 9.5] [--only pipedrive,hubspot,hubspot-chunked]
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startServe } from '../../test/helpers/processes.ts';

const { values } = parseArgs({
  options: {
    parallel: { type: 'string', default: '300' },
    mb: { type: 'string', default: '9.5' },
    only: { type: 'string', default: 'pipedrive,hubspot,hubspot-chunked' },
  },
});
const PARALLEL = Number(values.parallel);
const BYTES = Math.round(Number(values.mb) * 1024 * 1024);
const TARGET_MB = 50;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One post; resolves with the status (0 when the server closed the socket mid-upload). */
function post(url: string, headers: Record<string, string>, body: Buffer, chunked: boolean): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(body.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    // Write in 1 MiB slices so a refused upload stops early (the socket is closed on us).
    let offset = 0;
    const pump = () => {
      while (offset < body.length) {
        const slice = body.subarray(offset, offset + 1024 * 1024);
        offset += slice.length;
        if (!req.write(slice)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

async function scenario(name: string, base: string, pid: number, body: Buffer): Promise<boolean> {
  const crm = name.startsWith('hubspot') ? 'hubspot' : 'pipedrive';
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (crm === 'hubspot') {
    headers['x-hubspot-signature-v3'] = 'A'.repeat(43) + '=';
    headers['x-hubspot-request-timestamp'] = String(Date.now());
  }
  await sleep(300);
  const before = rssMb(pid);
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, rssMb(pid));
      await sleep(20);
    }
  })();
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: PARALLEL }, () => post(`${base}/webhooks/${crm}`, headers, body, name.endsWith('chunked'))));
  const seconds = (performance.now() - started) / 1000;
  await sleep(500);
  sampling = false;
  await sampler;
  const after = rssMb(pid);
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  const added = peak - before;
  const ok = added < TARGET_MB;
  const answers = [...counts].map(([s, n]) => `${s === 0 ? 'closed' : s} x${n}`).join(', ');
  console.log(
    `figure ${name}: ${PARALLEL} x ${(BYTES / 1048576).toFixed(1)} MB in ${seconds.toFixed(2)} s; RSS ${before.toFixed(0)} -> peak ${peak.toFixed(0)} MB (+${added.toFixed(1)} MB, target < ${TARGET_MB}) -> ${after.toFixed(0)} MB after; answers ${answers} ${ok ? 'MET' : 'MISSED'}`,
  );
  return ok;
}

async function main(): Promise<void> {
  const port = await freePort();
  const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'lr-flood-'));
  const child = startServe({
    PORT: String(port),
    DATABASE_URL: join(dir, 'db.sqlite'),
    HUBSPOT_ACCESS_TOKEN: 'pat-bench',
    HUBSPOT_CLIENT_SECRET: 'bench-client-secret-0123456789',
    HUBSPOT_API_BASE_URL: 'http://127.0.0.1:9',
    PIPEDRIVE_API_TOKEN: 'bench',
    PIPEDRIVE_API_BASE_URL: 'http://127.0.0.1:9',
    PIPEDRIVE_COMPANY_ID: '1',
    PIPEDRIVE_WEBHOOK_USER: 'hook',
    PIPEDRIVE_WEBHOOK_PASSWORD: 'hook-password-0123456789',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/healthz`).catch(() => null))?.ok) break;
      if (i > 200) throw new Error('lead-router serve did not start');
      await sleep(50);
    }
    console.log(`unauthenticated flood: node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}, server pid ${child.pid}`);
    const body = Buffer.alloc(BYTES, 0x20);
    let ok = true;
    for (const name of values.only.split(',').map((s) => s.trim())) ok = (await scenario(name, base, child.pid!, body)) && ok;
    console.log(`summary: unauth flood ${ok ? 'all targets MET' : 'target MISSED'} (load average at the end ${loadavg()[0]!.toFixed(1)})`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
