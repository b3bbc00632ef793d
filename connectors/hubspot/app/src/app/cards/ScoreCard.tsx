// Entrypoint of the lead-router score card (score-card-hsmeta.json: crm.record.tab, contacts).
import { hubspot } from '@hubspot/ui-extensions';
import type { CrmContext } from '@hubspot/ui-extensions';
import { createCardApi } from './card-api.ts';
import { ScoreCard } from './ScoreCardApp.tsx';

hubspot.extend<'crm.record.tab'>(({ context }: { context: CrmContext }) => (
  <ScoreCard objectId={String(context.crm.objectId)} api={createCardApi(hubspot.fetch)} />
));
