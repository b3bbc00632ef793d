// lead-router simulate <leads.csv|leads.json>: score and route a lead file with a config
// (nothing is written anywhere), optionally against a second config to preview a change.
// The predictive win probability needs a tenant's fitted model, which lives in the store:
// without --tenant simulate reads no store and says so; with it, the tenant's model is applied
// exactly as the pipeline applies it (loadPrediction).
import type { Lead } from '../../engine/types.ts';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { LoadedConfig } from '../../config/load.ts';
import { compareSimulations } from '../../simulate/compare.ts';
import { parseIsoTime } from '../../simulate/parse-time.ts';
import type { LeadRouterConfig } from '../../config/schema.ts';
import { describeIgnored, type LeadFileNotes } from '../../simulate/ignored-columns.ts';
import { fieldTypes } from '../../simulate/lead-columns.ts';
import { readLeadsFile } from '../../simulate/read-leads.ts';
import { simulateLeads } from '../../simulate/run-simulation.ts';
import type { SimulationResult } from '../../simulate/types.ts';
import { configPathFor, displayPath, loadConfigForCli } from '../config-option.ts';
import { formatComparison } from '../format/comparison.ts';
import { formatSimulation, OUTPUT_FORMATS, type OutputFormat } from '../format/simulation.ts';
import type { CliIo } from '../io.ts';
import { readEnv } from '../../env.ts';
import { loadPrediction, type PredictionSetup } from '../../pipeline/support/predict.ts';
import { createStore } from '../../store/create-store.ts';
import { resolveConfigTenant } from '../config-tenant.ts';

const TABLE_WIDTH = 100;
const PROGRESS_EVERY = 10_000;

interface SimulateOpts {
  now?: number;
  format: OutputFormat;
  compare?: string;
  tenant?: string;
}

function parseNow(value: string): number {
  const ms = parseIsoTime(value);
  if (ms === undefined) throw new InvalidArgumentError('expected an ISO time such as 2026-03-10T09:00:00Z');
  return ms;
}

function run(config: LoadedConfig, leads: Lead[], now: number, io: CliIo, label: string, prediction: PredictionSetup | null): SimulationResult {
  const progress = io.isTTY && leads.length >= PROGRESS_EVERY;
  return simulateLeads(leads, config.compiled, now, {
    configName: config.file,
    progressEvery: PROGRESS_EVERY,
    ...(progress ? { onProgress: (done: number, total: number) => io.stderr(`${label}: ${done}/${total} leads\n`) } : {}),
    ...(prediction?.status === 'on' ? { predict: prediction.apply } : {}),
  });
}

/** The tenant's predictive setup under each config (--tenant), else null each: no store read. */
async function predictions(io: CliIo, tenantArg: string | undefined, configs: readonly LoadedConfig[]): Promise<{ tenant: string | null; setups: (PredictionSetup | null)[] }> {
  if (tenantArg === undefined) return { tenant: null, setups: configs.map(() => null) };
  const env = readEnv(io.env);
  const store = createStore(env.databaseUrl);
  try {
    await store.migrate();
    const tenant = await resolveConfigTenant(store, env, tenantArg);
    const setups: PredictionSetup[] = [];
    for (const c of configs) setups.push(await loadPrediction(store, tenant, c.compiled));
    return { tenant, setups };
  } finally {
    await store.close();
  }
}

/** One stderr line per config on the win probability: shown, or why not. */
export function predictionNote(file: string, enabled: boolean, tenant: string | null, setup: PredictionSetup | null): string | null {
  if (tenant === null) {
    return enabled ? `predictive: scoring.predictive is on in ${file}, but simulate has no model here (a model is fitted per tenant from its outcomes in the store): no win probability; --tenant T uses the tenant's stored model\n` : null;
  }
  if (!setup || setup.status === 'off') return `predictive: off in ${file} (scoring.predictive.enabled): no win probability\n`;
  if (setup.status === 'no-model') return `predictive: ${tenant} has no model yet (fitted by the refit job once scoring.predictive.minOutcomes outcomes exist): no win probability\n`;
  const m = setup.model;
  const auc = m.holdoutAuc === null ? 'no holdout AUC' : `holdout AUC ${m.holdoutAuc.toFixed(3)}`;
  return `predictive: ${tenant} model fitted ${new Date(m.fittedAt).toISOString()} on ${m.outcomes} outcomes (${auc}, config ${m.config}) applied with ${file}: WIN% and the reasons\n`;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('simulate')
    .description('Score and route a lead file with the config (writes nothing); --compare previews a config change.')
    .argument('<leads>', 'lead file: .csv (header row: id, field aliases, current_owner, account_owner, created_at, events; other columns are ignored) or .json')
    .option('--now <iso>', 'the time to simulate at (default: now); decay, working hours and OOO depend on it', parseNow)
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('--compare <other.yaml>', 'also run this candidate config and show the leads whose owner, tier or rule change')
    .option('--tenant <tenant>', "apply the tenant's stored predictive model (scoring.predictive) for the win probability; reads DATABASE_URL")
    .addHelpText(
      'after',
      `
The config is --config, else $LEAD_ROUTER_CONFIG, else config/lead-router.yaml. Leads run in
file order through the live engine with an in-memory routing state (rotation, daily caps).
Win probability (scoring.predictive): the model is the tenant's, fitted from its outcomes and
kept in the store; simulate reads no store unless --tenant names one, and says so.

CSV events column: "type@ISO" entries separated by ";", with optional properties, e.g.
  email_open@2026-03-01T10:00:00Z; page_view@2026-03-02T08:00:00Z@url=/pricing

JSON output: { config, now, leads: [{ id, fit, engagement, score, tier, grade, owner, rule,
target, team, reasons }], summary: { total, owners: { <email>: { count, percent } },
tiers: { <tier>: { count, percent } } } }; with --tenant and a model, each lead also has
winProbability (whole percent). With --compare: { base, candidate, changes:
[{ id, changed, base: { owner, tier, rule, score }, candidate: {...} }], deltas: { owners, tiers } }.

Examples:
  $ lead-router simulate test/fixtures/leads.csv
  $ lead-router simulate leads.json --now 2026-03-10T09:00:00Z --format json
  $ lead-router simulate leads.csv --config config/lead-router.yaml --compare my-change.yaml
  $ lead-router simulate leads.csv --tenant hubspot:62515`,
    )
    .action(async (leadsArg: string, opts: SimulateOpts, command: Command) => {
      const now = opts.now ?? Date.now();
      const format = { width: TABLE_WIDTH, wallClock: opts.now === undefined };
      const leadsPath = resolve(io.cwd, leadsArg);
      const shownLeads = displayPath(leadsPath, io);
      const base = loadConfigForCli(configPathFor(command, io), io);
      const candidate = opts.compare ? loadConfigForCli(resolve(io.cwd, opts.compare), io) : null;
      const configs = candidate ? [base, candidate] : [base];
      const { tenant, setups } = await predictions(io, opts.tenant, configs);
      configs.forEach((c, i) => {
        const note = predictionNote(c.file, c.config.scoring.predictive.enabled, tenant, setups[i]!);
        if (note) io.stderr(note);
      });
      const notes: LeadFileNotes = { ignored: [] };
      const noteIgnoredColumns = (used: LeadRouterConfig) => io.stderr(describeIgnored(shownLeads, notes.ignored, [...fieldTypes(used).keys()]));
      if (!candidate) {
        const leads = readLeadsFile(leadsPath, base.config, shownLeads, notes);
        noteIgnoredColumns(base.config);
        io.stdout(formatSimulation(run(base, leads, now, io, 'base', setups[0]!), opts.format, format));
        return;
      }
      // The lead file may carry columns only one of the two configs uses (a field added or
      // dropped by the change): read it with both configs' field aliases.
      const readWith = { ...base.config, fields: { ...candidate.config.fields, ...base.config.fields } };
      const leads = readLeadsFile(leadsPath, readWith, shownLeads, notes);
      noteIgnoredColumns(readWith);
      const baseResult = run(base, leads, now, io, 'base', setups[0]!);
      const candidateResult = run(candidate, leads, now, io, 'candidate', setups[1]!);
      io.stdout(formatComparison(compareSimulations(baseResult, candidateResult), opts.format, format));
    });
}
