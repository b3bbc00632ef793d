// A second OS process on the same SQLite file (run by sqlite-processes.test.ts with Node's
// own TypeScript support): routes or claims, then prints what it got as JSON on stdout.
// Usage: node sqlite-worker.ts <db path> route|claim <count> <worker name>
import { createSqliteStore } from '../../../../src/store/sqlite/create-sqlite-store.ts';

const [path, mode, countArg, worker = 'w'] = process.argv.slice(2);
if (!path || (mode !== 'route' && mode !== 'claim')) throw new Error('usage: sqlite-worker.ts <path> route|claim <count> <worker>');
const count = Number(countArg);
const store = createSqliteStore(path);
await store.migrate();
const out: number[] = [];
if (mode === 'route') {
  for (let i = 0; i < count; i++) {
    out.push(
      await store.routeAtomically('hubspot:1', `lead-${worker}-${i}`, [], ['sales'], ({ state }) => {
        const pointer = state.rotations.sales?.pointers['anna@x.test'] ?? 0;
        return {
          result: pointer,
          assignment: {
            tenant: 'hubspot:1',
            leadId: `lead-${worker}-${i}`,
            owner: 'anna@x.test',
            team: 'sales',
            rule: null,
            tier: 'A',
            assignedAt: 1,
            slaDeadline: null,
            rotation: { team: 'sales', owner: 'anna@x.test', pointer: pointer + 1, virtualTime: pointer },
          },
        };
      }),
    );
  }
} else {
  for (;;) {
    const rows = await store.inboxClaim({ limit: count, leaseMs: 60_000, now: 10, worker });
    if (rows.length === 0) break;
    out.push(...rows.map((r) => r.id));
    await store.inboxComplete(rows.map((r) => r.id));
  }
}
await store.close();
process.stdout.write(JSON.stringify(out));
