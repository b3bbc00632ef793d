// Owner emails are long; in tables we drop the domain when every owner shares it.
export interface OwnerLabeler {
  label(owner: string | null): string;
  /** "@example.com" when the domain was dropped, else "". */
  domain: string;
}

export function ownerLabeler(owners: Iterable<string | null>): OwnerLabeler {
  const domains = new Set<string>();
  for (const o of owners) if (o) domains.add(o.slice(o.lastIndexOf('@')));
  const domain = domains.size === 1 ? [...domains][0]! : '';
  const useShort = domain.startsWith('@');
  return {
    domain: useShort ? domain : '',
    label: (owner) => {
      if (owner === null || owner === 'unassigned') return '(unassigned)';
      return useShort && owner.endsWith(domain) ? owner.slice(0, -domain.length) : owner;
    },
  };
}
