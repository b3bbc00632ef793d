// The settings page links the admin to lead-router's admin console for the current portal.
import { describe, expect, it } from '@jest/globals';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { Link } from '@hubspot/ui-extensions';
import { SettingsView, adminConsoleUrl } from '../../connectors/hubspot/app/src/app/settings/SettingsView.tsx';
import { LEAD_ROUTER_BASE_URL } from '../../connectors/hubspot/app/src/app/settings/backend.ts';

describe('SettingsView', () => {
  it('opens /admin on the generated base URL for the current portal, in a new tab', () => {
    const { render, findByTestId } = createRenderer('settings');
    render(<SettingsView portalId={62515} />);
    const link = findByTestId(Link, 'admin-console');
    expect(link.props.href).toEqual({ url: `${LEAD_ROUTER_BASE_URL}/admin?portalId=62515`, external: true });
    expect(link.text).toBe('Open the lead-router admin console');
  });

  it('encodes the portal id as a query parameter', () => {
    expect(adminConsoleUrl(7, 'https://leads.example.com')).toBe('https://leads.example.com/admin?portalId=7');
  });
});
