// Counts shown by `lead-router validate` (and startup logs).
import type { LeadRouterConfig } from './schema.ts';

export interface ConfigSummary {
  owners: number;
  teams: number;
  rules: number;
  fitRules: number;
  engagementRules: number;
}

export function summarizeConfig(config: LeadRouterConfig): ConfigSummary {
  const count = (section: { groups: { rules: unknown[] }[] }) => section.groups.reduce((n, g) => n + g.rules.length, 0);
  return {
    owners: config.owners.length,
    teams: config.teams.length,
    rules: config.routing.rules.length,
    fitRules: count(config.scoring.fit),
    engagementRules: count(config.scoring.engagement),
  };
}
