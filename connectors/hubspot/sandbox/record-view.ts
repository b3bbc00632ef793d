// A record as the sandbox's user actions and /_sandbox routes return it (ISO times).
import type { CrmRecord } from './types.ts';

export interface RecordView {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export function viewRecord(record: CrmRecord): RecordView {
  return { id: record.id, properties: { ...record.properties }, createdAt: new Date(record.createdAt).toISOString(), updatedAt: new Date(record.updatedAt).toISOString(), archived: record.archived };
}
