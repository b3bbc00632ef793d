// jest runs TypeScript as native ES modules through @swc/jest (see docs/architecture.md, "Module setup").
// .tsx: the HubSpot card and settings page (React, @hubspot/ui-extensions), test/ui.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
      module: { type: 'es6' },
    }],
    '^.+\\.tsx$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2023', transform: { react: { runtime: 'automatic' } } },
      module: { type: 'es6' },
    }],
  },
  testTimeout: 30000,
};
