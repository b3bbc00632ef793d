// Synthetic calibration data with a KNOWN generating model (tests and scripts/bench/calibrate.ts):
// leads with independent random fields, scored by the real engine under a small config, and a
// "won" drawn from a logistic model whose true weights are fixed per scoring item. A correct
// calibration recovers the weights' signs and order, and its holdout AUC approaches the AUC of
// the true log-odds (the oracle). Seeded: the same seed gives the same leads and outcomes.
import { parseConfigText, type LoadedConfig } from '../src/config/load.ts';
import type { CalibrationLead } from '../src/calibration/collect-leads.ts';
import { pick, seededRandom } from '../src/demo/random.ts';
import { emptyState } from '../src/engine/apply-state.ts';
import { evaluateLead } from '../src/engine/evaluate.ts';
import type { Evaluation } from '../src/engine/types.ts';

export const SYNTHETIC_CONFIG = `# synthetic calibration config (scripts/calibration-synthetic.ts)
version: 1

fields:
  job_title: { hubspot: jobtitle, pipedrive: job_title }
  industry: { hubspot: industry, pipedrive: "org.industry" }
  email: { hubspot: email, pipedrive: email }
  employees: { hubspot: numberofemployees, pipedrive: "org.employees" }
  page_views: { hubspot: hs_analytics_num_page_views, pipedrive: page_views }

scoring:
  fit:
    groups:
      - name: title # points the admin guessed; calibration checks them
        rules:
          - { id: c-level, field: job_title, matches: '\\b(ceo|cfo|chief)\\b', points: 20 }
          - { id: director, field: job_title, matches: '\\bdirector\\b', points: 15 }
      - name: size
        rules:
          - id: size
            field: employees
            bands:
              - { min: 1000, points: 10, label: "1000+" }
              - { min: 200, max: 999, points: 10, label: "200-999" }
              - { max: 9, points: -5, label: "1-9" }
      - name: industry
        rules:
          - { id: software, field: industry, in: [software], points: 10 }
      - name: disqualifiers
        rules:
          - { id: freemail, field: email, matches: '@gmail\\.', points: -10 }
  engagement:
    groups:
      - name: activity
        rules:
          - { id: page-views, field: page_views, perUnit: 1, max: 10 }

tiers:
  priority:
    - { name: hot, min: 30 }
    - { name: warm, min: 10 }
    - { name: cold }

owners:
  - { email: ae@example.com }

teams:
  - { name: sales, members: [ae@example.com], workingHours: ignore }

routing:
  rules:
    - { name: everyone, assign: { team: sales } }
  fallback: { owner: ae@example.com }
`;

/** True log-odds per scoring item (per match; page views per unit scored). */
export const TRUE_WEIGHTS: Record<string, number> = {
  'c-level': 1.8,
  'size#1': 1.3,
  director: 0.9,
  'size#2': 0.5,
  software: 0.2,
  'size#3': -0.4,
  freemail: -0.9,
  'page-views': 0.08,
};
export const TRUE_INTERCEPT = -2.2;

export interface SyntheticLead extends CalibrationLead {
  evaluation: Evaluation;
  /** The generating model's log-odds (the oracle's score). */
  trueLogit: number;
}

export function syntheticConfig(): LoadedConfig {
  return parseConfigText(SYNTHETIC_CONFIG, 'synthetic.yaml');
}

const TITLES: readonly [string, string[]][] = [
  ['CEO', ['c-level']],
  ['Chief Revenue Officer', ['c-level']],
  ['Sales Director', ['director']],
  ['Engineer', []],
  ['Account Manager', []],
  ['Analyst', []],
];

export function generateSyntheticLeads(opts: { count: number; seed: number; now: number; config?: LoadedConfig }): SyntheticLead[] {
  const rng = seededRandom(opts.seed);
  const config = opts.config ?? syntheticConfig();
  const state = emptyState();
  const out: SyntheticLead[] = [];
  for (let i = 0; i < opts.count; i++) {
    const [title, titleItems] = pick(rng, TITLES);
    const employees = pick(rng, [3, 5, 40, 120, 350, 800, 1500, 5000]);
    const industry = rng() < 0.3 ? 'software' : pick(rng, ['retail', 'logistics', 'education']);
    const email = `lead${i}@${rng() < 0.25 ? 'gmail.com' : 'acme.example'}`;
    const pageViews = Math.floor(rng() * 21);
    const items = [
      ...titleItems,
      employees >= 1000 ? 'size#1' : employees >= 200 ? 'size#2' : employees <= 9 ? 'size#3' : null,
      industry === 'software' ? 'software' : null,
      email.includes('@gmail.') ? 'freemail' : null,
    ].filter((x): x is string => x !== null);
    const trueLogit = TRUE_INTERCEPT + items.reduce((s, k) => s + TRUE_WEIGHTS[k]!, 0) + TRUE_WEIGHTS['page-views']! * Math.min(pageViews, 10);
    const won = rng() < 1 / (1 + Math.exp(-trueLogit));
    const id = `L${i}`;
    const at = opts.now + i * 1000;
    const evaluation = evaluateLead({ id, fields: { job_title: title, employees, industry, email, page_views: pageViews } }, config.compiled, state, at);
    out.push({
      leadId: id,
      at,
      score: evaluation.score.total,
      tier: evaluation.tier,
      contributions: evaluation.score.contributions,
      won,
      closed: won || rng() < 0.3,
      evaluation,
      trueLogit,
    });
  }
  return out;
}
