// Read a lead file for simulate: .csv or .json (by extension, else by content).
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { LeadRouterConfig } from '../config/schema.ts';
import type { Lead } from '../engine/types.ts';
import type { LeadFileNotes } from './ignored-columns.ts';
import { leadFileError } from './lead-file-error.ts';
import { parseCsvLeads } from './read-csv-leads.ts';
import { parseJsonLeads } from './read-json-leads.ts';

export type LeadFileFormat = 'csv' | 'json';

export function detectLeadFormat(fileName: string, text: string): LeadFileFormat {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  return /^\uFEFF?\s*[[{]/.test(text) ? 'json' : 'csv';
}

export function parseLeadsText(text: string, fileName: string, config: LeadRouterConfig, format?: LeadFileFormat, notes?: LeadFileNotes): Lead[] {
  if (text.replace(/^\uFEFF/, '').trim() === '') throw leadFileError(fileName, ['the file is empty']);
  return (format ?? detectLeadFormat(fileName, text)) === 'json'
    ? parseJsonLeads(text, fileName, config, notes)
    : parseCsvLeads(text, fileName, config, notes);
}

/** Throws InputError for a missing / unreadable / empty / malformed file; `notes` learns the ignored columns. */
export function readLeadsFile(path: string, config: LeadRouterConfig, shownAs = path, notes?: LeadFileNotes): Lead[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read (${code ?? (err as Error).message})`;
    throw leadFileError(shownAs, [`${why}; pass a .csv or .json lead file`]);
  }
  return parseLeadsText(text, shownAs, config, undefined, notes);
}
