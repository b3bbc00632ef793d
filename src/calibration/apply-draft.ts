// "Apply as draft": the suggested points written into a copy of the config's YAML (comments,
// order and layout kept: only the changed numbers move) and stored as a DRAFT config version:
// validated like a publish, never active until an admin previews and publishes it.
import { isScalar, parseDocument } from 'yaml';
import { InputError } from '../errors.ts';
import type { ConfigVersionRecord, Store, TenantKey } from '../store/types.ts';
import { saveDraftConfig } from '../tenants/config-versions.ts';
import type { CalibrationReport } from './calibrate.ts';
import type { ScoringItem } from './scoring-items.ts';

export interface PointChange {
  key: string;
  label: string;
  from: number;
  to: number;
}

/**
 * The YAML with each item's suggested value. Each number is replaced where it stands in the
 * text (its source range), so everything else stays byte for byte as the admin wrote it.
 */
export function applySuggestions(yaml: string, items: readonly ScoringItem[], report: CalibrationReport): { yaml: string; changes: PointChange[] } {
  const doc = parseDocument(yaml);
  const changes: PointChange[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  report.items.forEach((row, j) => {
    const item = items[j]!;
    if (row.suggested === null || row.suggested === item.points) return;
    const node = doc.getIn(item.path, true);
    if (!isScalar(node) || typeof node.value !== 'number' || !node.range) {
      throw new InputError(`cannot find the number at ${item.path.join('.')} in the config's YAML to write the suggestion for ${item.key}`);
    }
    edits.push({ start: node.range[0], end: node.range[1], text: String(row.suggested) });
    changes.push({ key: item.key, label: item.label, from: item.points, to: row.suggested });
  });
  let out = yaml;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { yaml: out, changes };
}

export async function saveCalibrationDraft(args: {
  store: Store;
  tenant: TenantKey;
  baseYaml: string;
  items: readonly ScoringItem[];
  report: CalibrationReport;
  author: string;
  now: number;
}): Promise<{ version: ConfigVersionRecord; changes: PointChange[] }> {
  const { report } = args;
  if (report.model === null) throw new InputError(`no suggestions to apply: ${report.notEnough ?? 'no model'}`);
  const { yaml, changes } = applySuggestions(args.baseYaml, args.items, report);
  if (changes.length === 0) throw new InputError('the suggested points equal the current ones: no draft saved');
  const m = report.model;
  const aucText = (v: number | null) => (v === null ? '-' : v.toFixed(3));
  const comment = `calibration since ${report.since.slice(0, 10)} on ${report.config}: ${changes.length} point value${changes.length === 1 ? '' : 's'} changed; holdout AUC ${aucText(m.aucSuggested)} vs ${aucText(m.aucCurrent)} now`;
  const version = await saveDraftConfig(args.store, { tenant: args.tenant, yaml, author: args.author, comment, now: args.now, fileName: `${args.tenant} calibration draft` });
  return { version, changes };
}
