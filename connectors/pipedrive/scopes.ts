// The OAuth scopes lead-router needs in Pipedrive (reference pipedrive.md §2 "Scopes this app
// needs"; they are set per app in Developer Hub, and the token response's `scope` says what a
// company granted). `<area>:full` includes `<area>:read`. `deals:read` (outcomes) is asked for
// but not required: an install without it routes leads, and its deal reads show as degraded.
export const PIPEDRIVE_REQUIRED_SCOPES = ['base', 'contacts:full', 'activities:read', 'users:read', 'admin', 'leads:full'] as const;

/** The required scopes a granted `scope` string ("base,contacts:full,...") lacks. */
export function missingPipedriveScopes(granted: string | undefined, required: readonly string[] = PIPEDRIVE_REQUIRED_SCOPES): string[] {
  const have = new Set((granted ?? '').split(/[\s,]+/).filter((s) => s !== ''));
  return required.filter((s) => !have.has(s) && !(s.endsWith(':read') && have.has(`${s.slice(0, -':read'.length)}:full`)));
}
