// Realistic, seeded B2B sample data for the demo (CRM-neutral): companies with size, industry
// and location; contacts with titles and email domains; behavioural activity over 60 days.
// Deterministic for a given seed so demo output is reproducible.

import { digits, pick, seededRandom, weighted, type Rng } from './random.ts';

export interface SampleCompany {
  key: string;
  name: string;
  domain: string;
  industry: string;
  employees: number;
  country: string;
  postcode: string;
  /** index into the config owners list: an existing account owner, or null */
  ownerIndex: number | null;
}

export interface SampleActivity {
  type: 'email_open' | 'email_click' | 'page_view' | 'form_submission';
  daysAgo: number;
  url?: string;
}

export interface SampleContact {
  firstName: string;
  lastName: string;
  email: string;
  jobTitle: string;
  country: string;
  postcode: string;
  productInterest: string;
  companyKey: string;
  activity: SampleActivity[];
}


const COUNTRIES = [['CZ', 35], ['DE', 15], ['AT', 6], ['SK', 6], ['CH', 4], ['GB', 10], ['US', 12], ['PL', 6], ['FR', 6]] as const;
const INDUSTRIES = [
  ['software', 18], ['manufacturing', 16], ['financial services', 10], ['retail', 10], ['pharmaceuticals', 7],
  ['biotechnology', 3], ['logistics', 7], ['healthcare', 6], ['construction', 5], ['consulting', 6], ['education', 4],
] as const;
const SIZES = [[5, 10], [30, 18], [120, 22], [450, 20], [2500, 15], [12000, 5]] as const;
const TITLES = [
  ['CEO', 4], ['CFO', 4], ['CTO', 3], ['Founder', 2], ['VP Sales', 3], ['Head of IT', 5], ['Head of Operations', 4],
  ['Director of Finance', 3], ['IT Manager', 8], ['Marketing Manager', 7], ['Procurement Manager', 5],
  ['Project Manager', 6], ['Data Analyst', 7], ['Software Engineer', 8], ['Consultant', 5], ['Student', 4], ['Marketing Intern', 2],
] as const;
const PRODUCTS = [['analytics', 40], ['platform', 35], ['integrations', 15], ['', 10]] as const;
const FIRST = ['Jana', 'Petr', 'Lucie', 'Tomáš', 'Eva', 'Martin', 'Anna', 'Lukáš', 'Sophie', 'Max', 'Emma', 'James', 'Olivia', 'Noah', 'Marek', 'Kateřina', 'Felix', 'Laura'];
const LAST = ['Novák', 'Svoboda', 'Dvořák', 'Černý', 'Müller', 'Schmidt', 'Weber', 'Smith', 'Jones', 'Brown', 'Kowalski', 'Rossi', 'Martin', 'Horák', 'Fischer'];
const COMPANY = ['Kovo', 'Data', 'Pharma', 'Soft', 'Logi', 'Energo', 'Stav', 'Bio', 'Fin', 'Retail', 'Medi', 'Auto', 'Cloud', 'Agro'];
const SUFFIX = ['tech', 'works', 'group', 'systems', 'labs', 'solutions', 'invest', 'trade'];
const FREE_MAIL = ['gmail.com', 'seznam.cz', 'outlook.com', 'yahoo.com'];
const PAGES = ['/', '/product', '/pricing', '/blog/lead-scoring', '/docs', '/careers'];

function ascii(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function postcode(rng: Rng, country: string): string {
  if (country === 'CZ') return `${1 + Math.floor(rng() * 7)}${digits(rng, 2)} ${digits(rng, 2)}`; // PSČ "110 00"
  if (country === 'SK') return `${8 + Math.floor(rng() * 2)}${digits(rng, 2)} ${digits(rng, 2)}`;
  if (country === 'GB') return pick(rng, ['SW1A 1AA', 'EC2N 2DB', 'M1 1AE', 'LS1 4AP']);
  if (country === 'PL') return `${digits(rng, 2)}-${digits(rng, 3)}`;
  if (country === 'AT' || country === 'CH') return `${1 + Math.floor(rng() * 9)}${digits(rng, 3)}`;
  return `${1 + Math.floor(rng() * 9)}${digits(rng, 4)}`;
}

function activity(rng: Rng): SampleActivity[] {
  const level = rng();
  const n = level < 0.45 ? 0 : level < 0.8 ? 1 + Math.floor(rng() * 3) : 3 + Math.floor(rng() * 6);
  const out: SampleActivity[] = [];
  for (let i = 0; i < n; i++) {
    const type = weighted(rng, [['email_open', 40], ['email_click', 15], ['page_view', 35], ['form_submission', 10]] as const);
    const a: SampleActivity = { type, daysAgo: Math.floor(rng() * 60) };
    if (type === 'page_view') a.url = pick(rng, PAGES);
    out.push(a);
  }
  return out;
}

export function generateSampleData(opts: { leads: number; seed: number; owners: number }): { companies: SampleCompany[]; contacts: SampleContact[] } {
  const rng = seededRandom(opts.seed);
  const companyCount = Math.max(1, Math.round(opts.leads / 3));
  const companies: SampleCompany[] = [];
  for (let i = 0; i < companyCount; i++) {
    const country = weighted(rng, COUNTRIES);
    const name = `${pick(rng, COMPANY)}${pick(rng, SUFFIX)} ${i + 1}`;
    companies.push({
      key: `c${i}`,
      name,
      domain: `${ascii(name).replace(/[^a-z0-9]+/g, '')}.example.${country === 'CZ' ? 'cz' : 'com'}`,
      industry: weighted(rng, INDUSTRIES),
      employees: Math.round(weighted(rng, SIZES) * (0.6 + rng() * 0.8)),
      country,
      postcode: postcode(rng, country),
      // About one company in eight already has an account owner in the CRM.
      ownerIndex: rng() < 0.12 && opts.owners > 1 ? 1 + Math.floor(rng() * (opts.owners - 1)) : null,
    });
  }
  const contacts: SampleContact[] = [];
  for (let i = 0; i < opts.leads; i++) {
    const company = pick(rng, companies);
    const firstName = pick(rng, FIRST);
    const lastName = pick(rng, LAST);
    const local = `${ascii(firstName)}.${ascii(lastName)}${i}`;
    const domain = rng() < 0.15 ? pick(rng, FREE_MAIL) : company.domain;
    contacts.push({
      firstName,
      lastName,
      email: `${local}@${domain}`,
      jobTitle: weighted(rng, TITLES),
      country: company.country,
      postcode: company.postcode,
      productInterest: weighted(rng, PRODUCTS),
      companyKey: company.key,
      activity: activity(rng),
    });
  }
  return { companies, contacts };
}
