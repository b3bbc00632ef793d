// `lead-router calibrate`: the tenant's leads and outcomes from the store (same calls on SQLite
// and PostgreSQL), calibrated against the config that decides the tenant's leads now (its
// active version, else the config file), and on request the suggestions saved as a draft.
import type { LoadedConfig } from '../config/load.ts';
import type { ConfigVersionRecord, Store, TenantKey } from '../store/types.ts';
import { configLabel } from '../tenants/config-label.ts';
import { saveCalibrationDraft, type PointChange } from './apply-draft.ts';
import { calibrate, type CalibrationReport } from './calibrate.ts';
import { collectLeads } from './collect-leads.ts';

export interface CalibrationRun {
  report: CalibrationReport;
  /** Set with `applyAsDraft`: the draft version saved and the point values it changes. */
  draft?: { version: ConfigVersionRecord; changes: PointChange[] };
}

export async function runCalibration(opts: {
  store: Store;
  tenant: TenantKey;
  since: number;
  /** The running config and its YAML text (the base of a draft). */
  config: LoadedConfig;
  yaml: string;
  minOutcomes?: number;
  lambda?: number;
  badFitWeight?: number;
  applyAsDraft?: { author: string; now: number };
}): Promise<CalibrationRun> {
  const { store, tenant, since, config } = opts;
  const leads = await collectLeads(store, tenant, since);
  const { report, items } = calibrate(leads, config.compiled, {
    tenant,
    since,
    configLabel: configLabel(config),
    ...(opts.minOutcomes === undefined ? {} : { minOutcomes: opts.minOutcomes }),
    ...(opts.lambda === undefined ? {} : { lambda: opts.lambda }),
    ...(opts.badFitWeight === undefined ? {} : { badFitWeight: opts.badFitWeight }),
  });
  if (!opts.applyAsDraft) return { report };
  const draft = await saveCalibrationDraft({ store, tenant, baseYaml: opts.yaml, items, report, author: opts.applyAsDraft.author, now: opts.applyAsDraft.now });
  return { report, draft };
}
