// The CRM properties / person fields lead-router writes, by written key: config
// writeBack.properties, plus the win probability (scoring.predictive.property) when the
// predictive score is enabled. Both connectors create, read and write exactly these.
import type { LeadRouterConfig } from '../config/schema.ts';
import type { WrittenKey } from './types.ts';

export function writtenProperties(config: LeadRouterConfig): Partial<Record<WrittenKey, string>> {
  const predictive = config.scoring.predictive;
  return { ...config.writeBack.properties, ...(predictive.enabled ? { winProbability: predictive.property } : {}) };
}

/** The config path that names a written key's property (for error messages). */
export function writtenPropertyPath(key: WrittenKey): string {
  return key === 'winProbability' ? 'scoring.predictive.property' : `writeBack.properties.${key}`;
}
