// lead-router simulate <leads.csv|leads.json>: score and route a lead file with a config
// (nothing is written anywhere), optionally against a second config to preview a change.
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

const TABLE_WIDTH = 100;
const PROGRESS_EVERY = 10_000;

interface SimulateOpts {
  now?: number;
  format: OutputFormat;
  compare?: string;
}

function parseNow(value: string): number {
  const ms = parseIsoTime(value);
  if (ms === undefined) throw new InvalidArgumentError('expected an ISO time such as 2026-03-10T09:00:00Z');
  return ms;
}

function run(config: LoadedConfig, leads: Lead[], now: number, io: CliIo, label: string): SimulationResult {
  const progress = io.isTTY && leads.length >= PROGRESS_EVERY;
  return simulateLeads(leads, config.compiled, now, {
    configName: config.file,
    progressEvery: PROGRESS_EVERY,
    ...(progress ? { onProgress: (done: number, total: number) => io.stderr(`${label}: ${done}/${total} leads\n`) } : {}),
  });
}

export function register(program: Command, io: CliIo): void {
  program
    .command('simulate')
    .description('Score and route a lead file with the config (writes nothing); --compare previews a config change.')
    .argument('<leads>', 'lead file: .csv (header row: id, field aliases, current_owner, account_owner, created_at, events; other columns are ignored) or .json')
    .option('--now <iso>', 'the time to simulate at (default: now); decay, working hours and OOO depend on it', parseNow)
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('--compare <other.yaml>', 'also run this candidate config and show the leads whose owner, tier or rule change')
    .addHelpText(
      'after',
      `
The config is --config, else $LEAD_ROUTER_CONFIG, else config/lead-router.yaml. Leads run in
file order through the live engine with an in-memory routing state (rotation, daily caps).

CSV events column: "type@ISO" entries separated by ";", with optional properties, e.g.
  email_open@2026-03-01T10:00:00Z; page_view@2026-03-02T08:00:00Z@url=/pricing

JSON output: { config, now, leads: [{ id, fit, engagement, score, tier, grade, owner, rule,
target, team, reasons }], summary: { total, owners: { <email>: { count, percent } },
tiers: { <tier>: { count, percent } } } }. With --compare: { base, candidate, changes:
[{ id, changed, base: { owner, tier, rule, score }, candidate: {...} }], deltas: { owners, tiers } }.

Examples:
  $ lead-router simulate test/fixtures/leads.csv
  $ lead-router simulate leads.json --now 2026-03-10T09:00:00Z --format json
  $ lead-router simulate leads.csv --config config/lead-router.yaml --compare my-change.yaml`,
    )
    .action((leadsArg: string, opts: SimulateOpts, command: Command) => {
      const now = opts.now ?? Date.now();
      const format = { width: TABLE_WIDTH, wallClock: opts.now === undefined };
      const leadsPath = resolve(io.cwd, leadsArg);
      const shownLeads = displayPath(leadsPath, io);
      const base = loadConfigForCli(configPathFor(command, io), io);
      const notes: LeadFileNotes = { ignored: [] };
      const noteIgnoredColumns = (used: LeadRouterConfig) => io.stderr(describeIgnored(shownLeads, notes.ignored, [...fieldTypes(used).keys()]));
      if (!opts.compare) {
        const leads = readLeadsFile(leadsPath, base.config, shownLeads, notes);
        noteIgnoredColumns(base.config);
        io.stdout(formatSimulation(run(base, leads, now, io, 'base'), opts.format, format));
        return;
      }
      const candidate = loadConfigForCli(resolve(io.cwd, opts.compare), io);
      // The lead file may carry columns only one of the two configs uses (a field added or
      // dropped by the change): read it with both configs' field aliases.
      const readWith = { ...base.config, fields: { ...candidate.config.fields, ...base.config.fields } };
      const leads = readLeadsFile(leadsPath, readWith, shownLeads, notes);
      noteIgnoredColumns(readWith);
      const baseResult = run(base, leads, now, io, 'base');
      const candidateResult = run(candidate, leads, now, io, 'candidate');
      io.stdout(formatComparison(compareSimulations(baseResult, candidateResult), opts.format, format));
    });
}
