// What the Rules API answers: version history rows and a preview report bounded for a page.
import type { PreviewReport } from '../../preview/run-preview.ts';
import type { ActiveConfigVersion, ConfigVersionRecord } from '../../store/types.ts';
import { isUnreviewed } from '../../tenants/install-template.ts';

/** Rows of changed leads and fallback leads a preview answer carries; the counts are always complete. */
export const PREVIEW_ROWS = 500;

export function versionItem(v: ConfigVersionRecord, active: ActiveConfigVersion | null) {
  return {
    version: v.version,
    label: `v${v.version}`,
    author: v.author,
    createdAt: v.createdAt,
    comment: v.comment,
    valid: v.valid,
    issues: v.issues,
    active: active?.version === v.version,
    unreviewed: isUnreviewed(v),
    // who made it the running version (a publish: its author; a rollback: who rolled back)
    ...(active?.version === v.version ? { activatedBy: active.activatedBy, activatedAt: active.activatedAt } : {}),
  };
}

export function boundPreview(report: PreviewReport) {
  return {
    decisions: report.decisions,
    withoutInput: report.withoutInput,
    approximate: report.approximate,
    since: report.since,
    changedTotal: report.changes.length,
    changes: report.changes.slice(0, PREVIEW_ROWS),
    owners: report.owners,
    rules: report.rules,
    tiers: report.tiers,
    fallbackTotal: report.fallback.length,
    fallback: report.fallback.slice(0, PREVIEW_ROWS),
  };
}
