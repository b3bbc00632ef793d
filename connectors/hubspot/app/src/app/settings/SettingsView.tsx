// The app's settings page in HubSpot: scoring and routing are configured in lead-router's
// admin console, so this page sends the admin there for the current portal.
// PLACEHOLDER: the link carries the portal id only. The signed hand-off that logs the admin
// into the console for this portal belongs to the admin-console issue; until then the console
// must authenticate the admin itself and never trust this query parameter.
import { Flex, Link, Text } from '@hubspot/ui-extensions';
import { ADMIN_PATH, LEAD_ROUTER_BASE_URL } from './backend.ts';

export function adminConsoleUrl(portalId: number, baseUrl: string = LEAD_ROUTER_BASE_URL): string {
  return `${baseUrl}${ADMIN_PATH}?${new URLSearchParams({ portalId: String(portalId) }).toString()}`;
}

export function SettingsView({ portalId, baseUrl }: { portalId: number; baseUrl?: string }) {
  return (
    <Flex direction="column" gap="sm">
      <Text>
        lead-router scores and routes this portal's contacts. Scoring rules, tiers, teams, owners, working hours and
        out-of-office dates are managed in the lead-router admin console.
      </Text>
      <Link testId="admin-console" href={{ url: adminConsoleUrl(portalId, baseUrl), external: true }}>
        Open the lead-router admin console
      </Link>
    </Flex>
  );
}
