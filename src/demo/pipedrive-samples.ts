// The demo's sample data in the Pipedrive sandbox, created as users and visitors would: the
// imported organizations first, then one person at a time with its own web-form activity and,
// for one person in ten, its Leads-Inbox lead.
//
// Why one person at a time: the pipeline reads a batch as soon as 100 leads wait. When all
// persons were created first and their activities afterwards, a person whose batch had already
// been read when its activity's webhook came in was scored and written twice, and how many
// depended on the machine's speed (378 vs 387 API calls for one seed). With a person's events
// next to each other in the webhook stream it is scored once, bar the odd batch boundary.
import type { LeadRouterConfig } from '../config/schema.ts';
import type { pipedriveSandboxSeeds } from './pipedrive-seeds.ts';
import type { SampleCompany, SampleContact } from './sample-data.ts';

/** One sample person in ten asks for a quote through a web form: a Leads-Inbox lead. */
export const LEAD_EVERY = 10;

type Obj = Record<string, unknown>;

/** The sandbox calls the demo makes (PipedriveSandbox has them). */
export interface SampleTarget {
  users(): Record<string, unknown>[];
  createOrganizations(orgs: Obj[]): Obj[];
  createPersons(persons: Obj[]): Obj[];
  logActivity(activity: Obj): unknown;
  createLeads(leads: Obj[]): Obj[];
}

/** The sample person's custom fields the config reads (counters from the sample activity). */
function personFields(c: SampleContact, names: Set<string>): Obj {
  const fields: Obj = {};
  const set = (name: string, value: unknown) => {
    if (names.has(name.toLowerCase())) fields[name] = value;
  };
  set('Postcode', c.postcode);
  if (c.productInterest) set('Product interest', c.productInterest);
  set('Email opens', c.activity.filter((a) => a.type === 'email_open').length);
  set('Page views', c.activity.filter((a) => a.type === 'page_view').length);
  return fields;
}

export function createPipedriveSamples(
  sandbox: SampleTarget,
  data: { companies: SampleCompany[]; contacts: SampleContact[] },
  config: LeadRouterConfig,
  seeds: ReturnType<typeof pipedriveSandboxSeeds>,
): { orgs: Obj[]; ids: number[]; leadIds: { id: string; person: number }[] } {
  const userIds = new Map((sandbox.users() as { id: number; email: string }[]).map((u) => [u.email.toLowerCase(), u.id]));
  const orgNames = new Set(seeds.organizationFields.map((f) => f.name.toLowerCase()));
  const orgFields = (c: SampleCompany): Obj =>
    Object.fromEntries(Object.entries({ Employees: c.employees, Industry: c.industry, Country: c.country }).filter(([k]) => orgNames.has(k.toLowerCase())));
  // Organizations: about one in eight already has an account owner (a rep); the rest belong to
  // the admin who imported them.
  const orgs = sandbox.createOrganizations(
    data.companies.map((c) => {
      const rep = c.ownerIndex === null ? undefined : userIds.get(config.owners[c.ownerIndex]!.email.toLowerCase());
      return { name: c.name, fields: orgFields(c), ...(rep ? { owner_id: rep } : {}) };
    }),
  );
  const orgId = new Map(data.companies.map((c, i) => [c.key, orgs[i]!['id'] as number]));
  const names = new Set(seeds.personFields.map((f) => f.name.toLowerCase()));
  const ids: number[] = [];
  const leadIds: { id: string; person: number }[] = [];
  data.contacts.forEach((c, i) => {
    const [person] = sandbox.createPersons([{ name: `${c.firstName} ${c.lastName}`, email: c.email, job_title: c.jobTitle, org_id: orgId.get(c.companyKey), fields: personFields(c, names) }]);
    const id = person!['id'] as number;
    ids.push(id);
    if (c.activity.some((a) => a.type === 'form_submission')) sandbox.logActivity({ type: 'form_submission', subject: 'Web form', person_id: id, done: true });
    if (i % LEAD_EVERY === 0) {
      const [lead] = sandbox.createLeads([{ title: `Web form: quote request (${id})`, person_id: id, source_name: 'Web forms' }]);
      leadIds.push({ id: lead!['id'] as string, person: id });
    }
  });
  return { orgs, ids, leadIds };
}
