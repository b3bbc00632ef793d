// The form view of the draft for the common edits: points per value, group caps, owner
// weights and caps, team members. It reads the same draft as the editor and writes through
// draft-edits.ts, which changes only the edited value in the YAML text (comments and layout
// stay), so the editor shows the form's edit at once and the other way round.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { readDraft, setList, setScalar, type PathKey } from './draft-edits.ts';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function NumberField({ id, label, value, path, apply }: { id: string; label: string; value: unknown; path: PathKey[]; apply: (path: PathKey[], v: number) => void }) {
  return html`<label for=${id} class="num">${label}
    <input id=${id} type="number" step="any" value=${typeof value === 'number' ? value : ''} placeholder="not set"
      onChange=${(e: Event) => {
        const raw = (e.target as HTMLInputElement).value;
        if (raw.trim() !== '' && Number.isFinite(Number(raw))) apply(path, Number(raw));
      }} />
  </label>`;
}

function describeRule(r: Obj): string {
  if (typeof r.label === 'string') return r.label;
  if (typeof r.event === 'string') return `event ${r.event}${r.contains ? ` (${JSON.stringify(r.contains)})` : ''}`;
  const test = r.in ? `in ${asArr(r.in).join(', ')}` : r.matches ? `matches ${String(r.matches)}` : r.equals !== undefined ? `= ${String(r.equals)}` : '';
  return `${String(r.field ?? '?')} ${test}`.trim();
}

function ScoringForm({ data, apply }: { data: Obj; apply: (p: PathKey[], v: number) => void }) {
  const scoring = asObj(data.scoring);
  return html`${(['fit', 'engagement'] as const).map((kind) => {
    const groups = asArr(asObj(scoring[kind]).groups);
    return html`<fieldset><legend>${kind === 'fit' ? 'Fit' : 'Engagement'} points</legend>
      ${groups.length === 0 && html`<p class="empty">No ${kind} groups in this config.</p>`}
      ${groups.map((g0, gi) => {
        const g = asObj(g0);
        const base: PathKey[] = ['scoring', kind, 'groups', gi];
        return html`<div class="group"><h4>${String(g.name ?? `group ${gi + 1}`)}</h4>
          ${g.cap !== undefined && html`<${NumberField} id=${`cap-${kind}-${gi}`} label="Group cap" value=${g.cap} path=${[...base, 'cap']} apply=${apply} />`}
          ${asArr(g.rules).map((r0, ri) => {
            const r = asObj(r0);
            if (Array.isArray(r.bands)) {
              return r.bands.map((b0, bi) => {
                const b = asObj(b0);
                return html`<${NumberField} id=${`pts-${kind}-${gi}-${ri}-${bi}`} label=${`${describeRule(r)}: ${String(b.label ?? `band ${bi + 1}`)}`} value=${b.points} path=${[...base, 'rules', ri, 'bands', bi, 'points']} apply=${apply} />`;
              });
            }
            if (r.points === undefined) return null;
            return html`<${NumberField} id=${`pts-${kind}-${gi}-${ri}`} label=${describeRule(r)} value=${r.points} path=${[...base, 'rules', ri, 'points']} apply=${apply} />`;
          })}
        </div>`;
      })}
    </fieldset>`;
  })}`;
}

export function RulesForm({ draft, onChange }: { draft: string; onChange: (text: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const parsed = readDraft(draft);
  if (parsed.error) return html`<p role="alert" class="error">${parsed.error}</p>`;
  const data = asObj(parsed.data);
  const owners = asArr(data.owners).map(asObj);
  const emails = owners.map((o) => String(o.email ?? ''));
  const edit = (fn: (text: string) => string) => {
    try {
      onChange(fn(draft));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const apply = (path: PathKey[], v: number) => edit((t) => setScalar(t, path, v));

  return html`<div class="rules-form">
    ${error && html`<p role="alert" class="error">${error}</p>`}
    <p class="meta">Changes here edit only that value in the YAML draft; comments and layout stay. To remove a key, use the editor.</p>
    <${ScoringForm} data=${data} apply=${apply} />
    <fieldset><legend>Owners: weight and caps</legend>
      ${owners.length === 0 ? html`<p class="empty">No owners in this config: add them in the editor.</p>` : html`<table class="owners-form">
        <thead><tr><th scope="col">Owner</th><th scope="col">Weight</th><th scope="col">Per day</th><th scope="col">Per week</th><th scope="col">Open leads</th></tr></thead>
        <tbody>${owners.map((o, i) => {
          const cap = asObj(o.capacity);
          const who = String(o.name ?? o.email);
          return html`<tr><th scope="row">${who}</th>
            <td><${NumberField} id=${`w-${i}`} label=${html`<span class="sr">Weight of ${who}</span>`} value=${o.weight} path=${['owners', i, 'weight']} apply=${apply} /></td>
            ${(['perDay', 'perWeek', 'maxOpen'] as const).map((k) => html`<td><${NumberField} id=${`${k}-${i}`} label=${html`<span class="sr">${k === 'maxOpen' ? 'Open-leads cap' : k === 'perDay' ? 'Daily cap' : 'Weekly cap'} of ${who}</span>`} value=${cap[k]} path=${['owners', i, 'capacity', k]} apply=${apply} /></td>`)}
          </tr>`;
        })}</tbody></table>`}
    </fieldset>
    ${asArr(data.teams).map((t0, ti) => {
      const t = asObj(t0);
      const members = asArr(t.members).map(String);
      const toggle = (email: string, on: boolean) => edit((text) => setList(text, ['teams', ti, 'members'], on ? [...members, email] : members.filter((m) => m !== email)));
      return html`<fieldset class="team"><legend>Team ${String(t.name)} members</legend>
        ${emails.map((email, oi) => html`<label for=${`team-${ti}-${oi}`} class="check"><input id=${`team-${ti}-${oi}`} type="checkbox" checked=${members.includes(email)} onChange=${(e: Event) => toggle(email, (e.target as HTMLInputElement).checked)} /> ${email}</label>`)}
      </fieldset>`;
    })}
  </div>`;
}
