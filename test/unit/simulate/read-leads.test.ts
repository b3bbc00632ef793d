import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/config/load.ts';
import { InputError } from '../../../src/errors.ts';
import { parseLeadsText, readLeadsFile } from '../../../src/simulate/read-leads.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { config } = loadConfig(`${root}config/lead-router.yaml`);
const csv = (text: string) => parseLeadsText(text, 'leads.csv', config);
const json = (value: unknown) => parseLeadsText(JSON.stringify(value), 'leads.json', config);

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('CSV leads', () => {
  it('maps columns to typed fields, owners, created_at and events', () => {
    const [lead] = csv(
      'id,job_title,employees,unsubscribed,current_owner,account_owner,created_at,events\n' +
        'A1,CFO,"1,200",yes,petra.novakova@example.com,jan.dvorak@example.com,2026-03-01T10:00:00Z,' +
        'email_open@2026-03-02T08:00:00Z; page_view@2026-03-03@url=/pricing@utm=ads\n',
    );
    expect(lead).toEqual({
      id: 'A1',
      fields: { job_title: 'CFO', employees: 1200, unsubscribed: true },
      currentOwner: 'petra.novakova@example.com',
      accountOwner: 'jan.dvorak@example.com',
      createdAt: Date.parse('2026-03-01T10:00:00Z'),
      events: [
        { type: 'email_open', at: Date.parse('2026-03-02T08:00:00Z') },
        { type: 'page_view', at: Date.parse('2026-03-03T00:00:00Z'), props: { url: '/pricing', utm: 'ads' } },
      ],
    });
  });

  it('handles a BOM, CRLF line ends, quoted commas, blank lines and empty cells', () => {
    const leads = csv('\uFEFFid,job_title,industry,employees\r\nA1,"Head of Sales, EMEA",Retail,\r\n\r\nA2,,"Food, Beverage",50\r\n');
    expect(leads).toEqual([
      { id: 'A1', fields: { job_title: 'Head of Sales, EMEA', industry: 'Retail' } },
      { id: 'A2', fields: { industry: 'Food, Beverage', employees: 50 } },
    ]);
  });

  it('times without an offset are UTC, not the machine zone', () => {
    expect(csv('id,created_at\nA1,2026-03-01 10:00\n')[0]!.createdAt).toBe(Date.parse('2026-03-01T10:00:00Z'));
  });

  it('skips columns the config does not use and notes each once, in file order', () => {
    const notes = { ignored: [] as string[] };
    const leads = parseLeadsText('id,jobtitle,employees,favourite_colour,Job_Title\nA1,CFO,10,red,CEO\nA2,x,5,blue,\n', 'leads.csv', config, 'csv', notes);
    expect(leads).toEqual([
      { id: 'A1', fields: { employees: 10, job_title: 'CEO' } },
      { id: 'A2', fields: { employees: 5 } },
    ]);
    expect(notes.ignored).toEqual(['jobtitle', 'favourite_colour']);
    // values of ignored columns are not checked
    expect(csv('id,colour\nA1,\u0000not-a-number\n')).toEqual([{ id: 'A1', fields: {} }]);
  });

  it('reports each bad value with its line and column, all at once', () => {
    const e = errorOf(() =>
      csv(
        'id,employees,bounced,created_at,events\n' +
          'A1,ten,false,2026-03-01,\n' +
          'A2,5,maybe,2026-02-30,email_open@yesterday\n' +
          'A3,1,true,,page_view\n',
      ),
    );
    expect(e.message.split('\n')).toEqual([
      'leads.csv: 5 problems',
      "  - line 2, column employees: expected a number, got 'ten'",
      "  - line 3, column bounced: expected true or false, got 'maybe'",
      "  - line 3, column created_at: expected an ISO date / time, got '2026-02-30'",
      expect.stringMatching(/^ {2}- line 3, column events: bad event 'email_open@yesterday': 'yesterday' is not an ISO time/),
      expect.stringMatching(/^ {2}- line 4, column events: bad event 'page_view': '' is not an ISO time/),
    ]);
  });

  it('rejects rows with the wrong number of cells, a missing id column, empty and duplicate ids', () => {
    expect(errorOf(() => csv('id,job_title\nA1,CFO,extra\n')).message).toBe('leads.csv: line 2: expected 2 columns, got 3 (quote values that contain commas)');
    expect(errorOf(() => csv('job_title\nCFO\n')).message).toMatch(/missing the required 'id' column/);
    const dup = errorOf(() => csv('id,job_title\nA1,CFO\n,CEO\nA1,CTO\n')).message;
    expect(dup).toContain('line 3, column id: empty id');
    expect(dup).toContain("line 4, column id: duplicate id 'A1' (first on line 2)");
  });

  it('empty file, header only, broken quotes', () => {
    expect(errorOf(() => csv('')).message).toBe('leads.csv: the file is empty');
    expect(errorOf(() => csv('id,job_title\n')).message).toMatch(/no leads/);
    expect(errorOf(() => csv('id,job_title\nA1,"CFO\n')).message).toBe(
      'leads.csv: not valid CSV: line 2: a quoted value opens here and is not closed properly (A1,"CFO); ' +
        'end a value that starts with " with a " before the next comma or line end, and write a " inside it as ""',
    );
  });

  it('an unclosed quote is reported on the line where it opened, not where the parser noticed', () => {
    const rows = 'id,job_title,employees\nA1,CFO,10\nA2,"CEO,20\nA3,CTO,30\nA4,VP,40\n';
    // at the end of the file (csv-parse: "Quote Not Closed ... at line 5")
    expect(errorOf(() => csv(rows)).message).toMatch(/^leads\.csv: not valid CSV: line 3: a quoted value opens here .*\(A2,"CEO,20\);.*\(the CSV parser noticed it at line 5\)$/);
    // at the next quote, further down (csv-parse: "Invalid Closing Quote ... at line 6")
    expect(errorOf(() => csv(`${rows}A5,"Dir, Sales",50\n`)).message).toMatch(/^leads\.csv: not valid CSV: line 3: .*\(the CSV parser noticed it at line 6\)$/);
    // text after the closing quote, on the same line; with a BOM and CRLF line ends
    expect(errorOf(() => csv('\uFEFFid,job_title\r\nA1,CFO\r\nA2, "CEO" x\r\n')).message).toMatch(/^leads\.csv: not valid CSV: line 3: .*\(A2, "CEO" x\);[^(]*""$/);
    // a valid multi-line quoted value before a stray quote: the stray quote's own line
    expect(errorOf(() => csv('id,job_title\nA1,"multi\nline"\nA3,y"q\n')).message).toMatch(/^leads\.csv: not valid CSV: Invalid Opening Quote: .* at line 4/);
  });
});

describe('JSON leads', () => {
  it('accepts nested and flat leads, snake or camel reserved keys, and epoch-ms times', () => {
    const leads = json([
      { id: 1, fields: { job_title: 'CFO', employees: '2500' }, currentOwner: 'petra.novakova@example.com', events: [{ type: 'meeting', at: 1772000000000 }] },
      { id: 'B', job_title: 'CEO', account_owner: 'lena.huber@example.com', created_at: '2026-03-01', events: [{ type: 'page_view', at: '2026-03-02T10:00:00+01:00', props: { url: '/pricing' } }] },
    ]);
    expect(leads).toEqual([
      { id: '1', fields: { job_title: 'CFO', employees: 2500 }, currentOwner: 'petra.novakova@example.com', events: [{ type: 'meeting', at: 1772000000000 }] },
      {
        id: 'B',
        fields: { job_title: 'CEO' },
        accountOwner: 'lena.huber@example.com',
        createdAt: Date.parse('2026-03-01T00:00:00Z'),
        events: [{ type: 'page_view', at: Date.parse('2026-03-02T09:00:00Z'), props: { url: '/pricing' } }],
      },
    ]);
    expect(parseLeadsText(JSON.stringify({ leads: [{ id: 'x' }] }), 'l.json', config)).toEqual([{ id: 'x', fields: {} }]);
  });

  it('skips JSON fields the config does not use, nested or flat, noting each once', () => {
    const notes = { ignored: [] as string[] };
    const leads = parseLeadsText(
      JSON.stringify([{ id: 'A', fields: { jobtitle: 'CFO', employees: 9 }, shoe_size: 44 }, { id: 'B', jobtitle: 'CEO' }]),
      'leads.json',
      config,
      'json',
      notes,
    );
    expect(leads).toEqual([
      { id: 'A', fields: { employees: 9 } },
      { id: 'B', fields: {} },
    ]);
    expect(notes.ignored).toEqual(['jobtitle', 'shoe_size']);
  });

  it('names the lead and key of every problem', () => {
    const e = errorOf(() =>
      json([
        { id: 'A', fields: { jobtitle: 'CFO' }, shoe_size: 44 },
        { id: 'B', employees: 'many', events: [{ type: 'page_view', at: 'soon' }] },
        { fields: {} },
        { id: 'A' },
      ]),
    );
    expect(e.message.split('\n')).toEqual([
      'leads.json: 4 problems',
      "  - lead #2 (id B), employees: expected a number, got 'many'",
      '  - lead #2 (id B), events[0].at must be an ISO time or epoch ms, got "soon"',
      '  - lead #3: missing id (a string or number)',
      "  - lead #4 (id A): duplicate id 'A' (first at lead #1)",
    ]);
  });

  it('rejects invalid JSON, a non-list and an empty list', () => {
    expect(errorOf(() => parseLeadsText('[{"id": 1},', 'x.json', config)).message).toMatch(/^x\.json: not valid JSON/);
    expect(errorOf(() => json({ id: 1 })).message).toMatch(/expected a JSON list of leads/);
    expect(errorOf(() => json([])).message).toBe('leads.json: no leads: the list is empty');
  });
});

describe('readLeadsFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lr-leads-'));

  it('detects the format by extension, else by content', () => {
    writeFileSync(join(dir, 'a.txt'), '[{"id": "J1"}]');
    writeFileSync(join(dir, 'b.txt'), 'id\nC1\n');
    expect(readLeadsFile(join(dir, 'a.txt'), config)[0]!.id).toBe('J1');
    expect(readLeadsFile(join(dir, 'b.txt'), config)[0]!.id).toBe('C1');
  });

  it('a missing file or a directory is a clear InputError', () => {
    expect(errorOf(() => readLeadsFile(join(dir, 'missing.csv'), config, 'missing.csv')).message).toBe(
      'missing.csv: file not found; pass a .csv or .json lead file',
    );
    mkdirSync(join(dir, 'folder.csv'));
    expect(errorOf(() => readLeadsFile(join(dir, 'folder.csv'), config, 'folder.csv')).message).toMatch(/is a directory/);
  });
});
