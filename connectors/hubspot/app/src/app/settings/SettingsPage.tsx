// Entrypoint of the lead-router settings page (settings-hsmeta.json).
import { hubspot } from '@hubspot/ui-extensions';
import type { SettingsContext } from '@hubspot/ui-extensions';
import { SettingsView } from './SettingsView.tsx';

hubspot.extend<'settings'>(({ context }: { context: SettingsContext }) => <SettingsView portalId={context.portal.id} />);
