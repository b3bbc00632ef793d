// Companies and contacts the bench creates in the sandbox, as a user would in the HubSpot UI.
const TITLES = ['CFO', 'IT Manager', 'Student', 'Head of IT', 'Data Analyst', 'CTO', 'Procurement Lead'];
const COUNTRIES = ['CZ', 'DE', 'US', 'GB', 'AT'];
const INDUSTRIES = ['pharmaceuticals', 'software', 'retail', 'manufacturing', 'banking'];

export function companyInputs(n: number): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `Company ${i}`,
    domain: `company${i}.example.com`,
    industry: INDUSTRIES[i % INDUSTRIES.length]!,
    numberofemployees: String([12, 80, 250, 1200, 5000][i % 5]),
    country: COUNTRIES[i % COUNTRIES.length]!,
  }));
}

/** Contacts offset..offset+n-1, each with a primary company (round robin) when companies are given. */
export function contactInputs(n: number, offset: number, companyIds: readonly string[]) {
  return Array.from({ length: n }, (_, k) => {
    const i = offset + k;
    return {
      properties: {
        email: `lead${i}@company${i % 997}.example.com`,
        firstname: 'Lead',
        lastname: String(i),
        jobtitle: TITLES[i % TITLES.length]!,
        country: COUNTRIES[i % COUNTRIES.length]!,
        zip: '110 00',
      },
      ...(companyIds.length ? { companyId: companyIds[i % companyIds.length]! } : {}),
    };
  });
}
