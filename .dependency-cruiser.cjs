// Dependency rules (docs/architecture.md, "Layout"): checked by `npm run lint:deps` and by
// test/unit/architecture/dependencies.test.ts on every test run.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'src-not-to-connectors',
      severity: 'error',
      comment:
        'src/ depends on the ports in src/crm, never on a CRM adapter; only the composition root ' +
        '(src/main.ts, src/wiring, src/cli, src/demo) picks the concrete connectors.',
      from: { path: '^src/', pathNot: '^src/(main\\.ts$|wiring/|cli/|demo/)' },
      to: { path: '^connectors/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make the flow unreadable and the load order fragile.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // connectors/hubspot/app is the HubSpot project HubSpot builds on its side (React .tsx cards
    // that import only each other); swc parses it as .ts here, so it stays out of the cruise.
    exclude: { path: '(^|/)node_modules/|^connectors/hubspot/app/' },
    tsPreCompilationDeps: true,
    // TypeScript 7 (native) has no JS API yet: parse with swc (already a devDependency).
    parser: 'swc',
    combinedDependencies: false,
  },
};
