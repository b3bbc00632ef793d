// The app's settings page in HubSpot: scoring and routing are configured in lead-router's
// admin console. "Open" asks lead-router (signed hubspot.fetch) for a one-time sign-in link
// bound to this portal; the admin follows it within 2 minutes, once.
import { useState } from 'react';
import { Alert, Button, Flex, Link, Text } from '@hubspot/ui-extensions';
import type { ConsoleLink } from './console-link.ts';

type State = { step: 'idle' } | { step: 'loading' } | { step: 'ready'; url: string } | { step: 'error'; message: string };

export function SettingsView({ requestLink }: { requestLink: () => Promise<ConsoleLink> }) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const open = async () => {
    setState({ step: 'loading' });
    const link = await requestLink();
    setState(link.ok ? { step: 'ready', url: link.url } : { step: 'error', message: link.message });
  };
  return (
    <Flex direction="column" gap="sm">
      <Text>
        lead-router scores and routes this portal's contacts. Every decision's score and routing trace, and the latest
        decisions, are in the lead-router admin console.
      </Text>
      {state.step === 'ready' ? (
        <Flex direction="column" gap="xs">
          <Link testId="admin-console" href={{ url: state.url, external: true }}>
            Continue to the lead-router admin console
          </Link>
          <Text variant="microcopy">This sign-in link works once, within 2 minutes.</Text>
        </Flex>
      ) : (
        <Button testId="open-console" disabled={state.step === 'loading'} onClick={open}>
          {state.step === 'loading' ? 'Preparing a sign-in link…' : 'Open the lead-router admin console'}
        </Button>
      )}
      {state.step === 'error' && (
        <Alert testId="error" title="The console link could not be prepared" variant="error">
          {state.message}
        </Alert>
      )}
    </Flex>
  );
}
