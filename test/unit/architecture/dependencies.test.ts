// The layout's dependency rules (.dependency-cruiser.cjs, docs/architecture.md "Layout"):
// src/ reaches CRM adapters only from the composition root, and there are no import cycles.
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../../../.dependency-cruiser.cjs') as IConfiguration;

async function violations(dirs: string[], baseDir: string): Promise<{ rule: string; from: string; to: string; cycle?: string[] }[]> {
  const result = await cruise(dirs, { ...config.options, baseDir, validate: true, ruleSet: { forbidden: config.forbidden ?? [] } });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to,
    ...(v.cycle ? { cycle: v.cycle.map((c) => c.name) } : {}),
  }));
}

describe('dependency rules', () => {
  it('hold for the code base: src/ -> connectors/ only from the composition root, no cycles', async () => {
    expect(await violations(['src', 'connectors', 'scripts'], process.cwd())).toEqual([]);
  }, 60_000);

  it('catch an adapter imported outside the composition root, and an import cycle', async () => {
    const found = await violations(['src', 'connectors'], `${process.cwd()}/test/fixtures/dependency-rules`);
    expect(found.filter((v) => v.rule === 'src-not-to-connectors')).toEqual([
      { rule: 'src-not-to-connectors', from: 'src/pipeline/leaky.ts', to: 'connectors/acme/client.ts' },
    ]);
    const cycles = found.filter((v) => v.rule === 'no-circular');
    expect(cycles).toHaveLength(1); // one cycle, reported once
    expect([cycles[0]!.from, ...cycles[0]!.cycle!].sort()).toEqual(['src/pipeline/ping.ts', 'src/pipeline/ping.ts', 'src/pipeline/pong.ts']);
  }, 60_000);
});
