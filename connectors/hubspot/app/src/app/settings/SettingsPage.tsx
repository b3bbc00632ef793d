// Entrypoint of the lead-router settings page (settings-hsmeta.json).
import { hubspot } from '@hubspot/ui-extensions';
import { SettingsView } from './SettingsView.tsx';
import { requestConsoleLink } from './console-link.ts';

hubspot.extend<'settings'>(() => <SettingsView requestLink={() => requestConsoleLink(hubspot.fetch)} />);
