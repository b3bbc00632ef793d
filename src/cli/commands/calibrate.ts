// lead-router calibrate [--tenant T] [--since 180d] [--format table|json] [--apply-as-draft]:
// lift by score decile and tier, won rate with / without each scoring item, suggested points
// from the tenant's outcomes (src/calibration); --apply-as-draft saves them as a draft version.
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { runCalibration } from '../../calibration/run-calibration.ts';
import { DEFAULT_MIN_OUTCOMES } from '../../calibration/calibrate.ts';
import { DEFAULT_LAMBDA } from '../../calibration/logistic.ts';
import { DEFAULT_BAD_FIT_WEIGHT } from '../../calibration/suggest-points.ts';
import type { LoadedConfig } from '../../config/load.ts';
import { loadConfig } from '../../config/load.ts';
import { resolveConfigPath } from '../../config/resolve-config-path.ts';
import { readEnv } from '../../env.ts';
import { InputError } from '../../errors.ts';
import { createStore } from '../../store/create-store.ts';
import { versionLabel } from '../../tenants/config-label.ts';
import { loadConfigVersion } from '../../tenants/config-versions.ts';
import { displayPath } from '../config-option.ts';
import { resolveConfigTenant } from '../config-tenant.ts';
import { CALIBRATION_FORMATS, formatCalibration, type CalibrationFormat } from '../format/calibration.ts';
import type { CliIo } from '../io.ts';
import { parseSince } from './preview.ts';

interface Opts {
  tenant?: string;
  since: string;
  format: CalibrationFormat;
  minOutcomes: string;
  lambda: string;
  badFitWeight: string;
  applyAsDraft?: boolean;
}

function positive(value: string, flag: string, integer: boolean): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new InputError(`${flag} "${value}": expected a positive ${integer ? 'whole ' : ''}number`);
  return n;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('calibrate')
    .description("Check the scoring against the tenant's outcomes: lift by score decile and tier, won rate per scoring item, suggested points.")
    .option('--tenant <tenant>', 'tenant key, e.g. hubspot:123 (default: the only tenant)')
    .option('--since <when>', 'leads decided since: 180d, 12w or an ISO time', '180d')
    .addOption(new Option('--format <format>', 'output format').choices(CALIBRATION_FORMATS).default('table'))
    .option('--min-outcomes <n>', 'leads with a won or lost deal needed before points are suggested', String(DEFAULT_MIN_OUTCOMES))
    .option('--lambda <l2>', 'L2 penalty of the logistic regression (larger: suggestions nearer zero)', String(DEFAULT_LAMBDA))
    .option('--bad-fit-weight <w>', 'weight in the fit of a lead a rep marked "bad fit" (1: like any lead not won)', String(DEFAULT_BAD_FIT_WEIGHT))
    .option('--apply-as-draft', 'save the suggested points as a draft config version (not active: preview it, then publish or discard)')
    .addHelpText(
      'after',
      `
Each lead counts once, under the decision its first deal was attributed to (else its latest
decision in the window); won = any won deal. A lead whose latest rep verdict in the window is
"bad fit" (and that was not won) is a confirmed negative: it weighs --bad-fit-weight leads in
the fit, and is counted per item (BAD FIT). Rates carry 95% Wilson intervals; an inversion is
a higher decile or tier whose interval lies entirely below a lower one's. Suggested points
come from an L2-regularised logistic regression on 80% of the leads, scaled to the config's
points; the other 20% (fixed by lead id) give the holdout AUC of the suggestion and of the
current rules. Nothing is applied automatically. Uses DATABASE_URL like \`lead-router serve\`.

Examples:
  $ lead-router calibrate
  $ lead-router calibrate --tenant hubspot:62515 --since 365d --format json
  $ lead-router calibrate --apply-as-draft && lead-router config list`,
    )
    .action(async (opts: Opts) => {
      const since = parseSince(opts.since, Date.now());
      const minOutcomes = positive(opts.minOutcomes, '--min-outcomes', true);
      const lambda = positive(opts.lambda, '--lambda', false);
      const badFitWeight = positive(opts.badFitWeight, '--bad-fit-weight', false);
      const env = readEnv(io.env);
      const store = createStore(env.databaseUrl);
      try {
        await store.migrate();
        const tenant = await resolveConfigTenant(store, env, opts.tenant);
        const active = await store.getActiveConfigVersion(tenant);
        let config: LoadedConfig;
        let yaml: string;
        if (active) {
          config = loadConfigVersion(active);
          yaml = active.yaml;
        } else {
          const file = resolveConfigPath({ env: env.configPath, cwd: io.cwd });
          config = { ...loadConfig(file), file: displayPath(file, io) };
          yaml = readFileSync(file, 'utf8');
        }
        const author = `calibrate (${io.env.USER ?? 'cli'})`;
        const run = await runCalibration({ store, tenant, since, config, yaml, minOutcomes, lambda, badFitWeight, ...(opts.applyAsDraft ? { applyAsDraft: { author, now: Date.now() } } : {}) });
        if (opts.format === 'json' && run.draft) {
          // json: the draft is part of the answer (version and the point values it changes)
          io.stdout(`${JSON.stringify({ ...run.report, draft: { version: run.draft.version.version, changes: run.draft.changes } }, null, 2)}\n`);
        } else io.stdout(formatCalibration(run.report, opts.format));
        if (run.draft) {
          const v = versionLabel(run.draft.version.version);
          const lines = run.draft.changes.map((c) => `  ${c.key} (${c.label}): ${c.from} -> ${c.to}`);
          io.stderr(
            `${tenant}: saved the suggestions as draft ${v} (NOT active; ${run.draft.changes.length} point value${run.draft.changes.length === 1 ? '' : 's'} changed):\n${lines.join('\n')}\n` +
              `Preview it: lead-router preview --tenant ${tenant} --draft ${v}\nThen: lead-router config publish ${v} --tenant ${tenant}   or   lead-router config discard ${v} --tenant ${tenant}\n`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
