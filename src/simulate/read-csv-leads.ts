// Leads from CSV: a header row, then one lead per row. Columns: id (required), any field
// alias of the config, current_owner, account_owner, created_at, events; other columns are
// skipped and noted (ignored-columns.ts). BOM, CRLF and
// quoted commas are handled by csv-parse; every bad value is reported with line + column.
import { parse } from 'csv-parse/sync';
import type { LeadRouterConfig } from '../config/schema.ts';
import type { Lead } from '../engine/types.ts';
import { coerceFieldValue } from './coerce-field.ts';
import { noteIgnored, type LeadFileNotes } from './ignored-columns.ts';
import { quoteOrigin } from './csv-quote-origin.ts';
import { fieldTypes, RESERVED_CSV_COLUMNS } from './lead-columns.ts';
import { leadFileError, ProblemList } from './lead-file-error.ts';
import { parseEventsCell } from './parse-events.ts';
import { parseIsoTime } from './parse-time.ts';

interface CsvRow {
  record: string[];
  info: { lines: number };
}

function parseRows(text: string, fileName: string): CsvRow[] {
  try {
    return parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as CsvRow[];
  } catch (err) {
    throw leadFileError(fileName, [csvErrorMessage(err as Error & { code?: string; lines?: number }, text)]);
  }
}

/** csv-parse's message, but a quote error names the line where the broken quoted value opened. */
function csvErrorMessage(err: Error & { code?: string; lines?: number }, text: string): string {
  const origin = err.code && /QUOTE/.test(err.code) && err.lines ? quoteOrigin(text, err.lines) : undefined;
  if (!origin) return `not valid CSV: ${err.message}`;
  const shown = origin.text.length > 60 ? `${origin.text.slice(0, 59)}…` : origin.text;
  return (
    `not valid CSV: line ${origin.line}: a quoted value opens here and is not closed properly (${shown}); ` +
    'end a value that starts with " with a " before the next comma or line end, and write a " inside it as ""' +
    (err.lines !== origin.line ? ` (the CSV parser noticed it at line ${err.lines})` : '')
  );
}

export function parseCsvLeads(text: string, fileName: string, config: LeadRouterConfig, notes?: LeadFileNotes): Lead[] {
  const rows = parseRows(text, fileName);
  if (rows.length === 0) throw leadFileError(fileName, ['the file is empty; expected a header row with an id column and field aliases']);
  const header = rows[0]!.record.map((h) => h.trim());
  const types = fieldTypes(config);
  const allowed = [...RESERVED_CSV_COLUMNS, ...types.keys()];

  const problems = new ProblemList();
  // Columns the config does not use are skipped (null) and noted once, not fatal.
  const columns = header.map((h) => (allowed.includes(h) ? h : allowed.includes(h.toLowerCase()) ? h.toLowerCase() : null));
  header.forEach((h, i) => {
    if (columns[i] === null) noteIgnored(notes, h);
  });
  const seenColumns = new Set<string>();
  for (const c of columns) {
    if (c === null) continue;
    if (seenColumns.has(c)) problems.add(`column '${c}' appears twice in the header`);
    seenColumns.add(c);
  }
  if (!columns.includes('id')) problems.add(`missing the required 'id' column; header is: ${header.join(', ')}`);
  problems.throwIfAny(fileName);

  const leads: Lead[] = [];
  const firstLineOfId = new Map<string, number>();
  for (let r = 1; r < rows.length && !problems.full; r++) {
    const { record, info } = rows[r]!;
    const at = `line ${info.lines}`;
    if (record.length !== columns.length) {
      problems.add(`${at}: expected ${columns.length} columns, got ${record.length} (quote values that contain commas)`);
      continue;
    }
    const lead: Lead = { id: '', fields: {} };
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c];
      if (column === null || column === undefined) continue;
      const cell = record[c]!;
      const where = `${at}, column ${column}`;
      switch (column) {
        case 'id':
          lead.id = cell;
          break;
        case 'current_owner':
          if (cell) lead.currentOwner = cell;
          break;
        case 'account_owner':
          if (cell) lead.accountOwner = cell;
          break;
        case 'created_at':
          if (cell) {
            const ms = parseIsoTime(cell);
            if (ms === undefined) problems.add(`${where}: expected an ISO date / time, got '${cell}'`);
            else lead.createdAt = ms;
          }
          break;
        case 'events': {
          const parsed = parseEventsCell(cell);
          if (!parsed.ok) problems.add(`${where}: ${parsed.error}`);
          else if (parsed.value.length > 0) lead.events = parsed.value;
          break;
        }
        default: {
          const coerced = coerceFieldValue(cell, types.get(column)!);
          if (!coerced.ok) problems.add(`${where}: ${coerced.error}`);
          else if (coerced.value !== undefined) lead.fields[column] = coerced.value;
        }
      }
    }
    if (!lead.id) problems.add(`${at}, column id: empty id`);
    else if (firstLineOfId.has(lead.id)) problems.add(`${at}, column id: duplicate id '${lead.id}' (first on line ${firstLineOfId.get(lead.id)})`);
    else firstLineOfId.set(lead.id, info.lines);
    leads.push(lead);
  }
  problems.throwIfAny(fileName);
  if (leads.length === 0) throw leadFileError(fileName, ['no leads: the file has a header row but no data rows']);
  return leads;
}
