// lead-router install-properties: create the lead-router property group and properties (score,
// fit, engagement, priority, grade, reasons, and the rep feedback verdict + note) in the CRM,
// idempotently.
import type { Command } from 'commander';
import { readEnv } from '../../env.ts';
import { InputError } from '../../errors.ts';
import { HUBSPOT_FEEDBACK_NOTE_PROPERTY, HUBSPOT_FEEDBACK_PROPERTY, PIPEDRIVE_FEEDBACK_FIELD, PIPEDRIVE_FEEDBACK_NOTE_FIELD } from '../../crm/feedback-field.ts';
import { createLogger } from '../../logger.ts';
import { buildCore } from '../../main.ts';
import type { CliIo } from '../io.ts';
import { resolveTenant } from '../tenant-option.ts';
import { writtenProperties } from '../../crm/written-properties.ts';

export function register(program: Command, io: CliIo): void {
  program
    .command('install-properties')
    .description('Create the properties / fields lead-router writes, and the rep feedback ones (safe to run again).')
    .requiredOption('--crm <crm>', 'hubspot or pipedrive')
    .option('--tenant <id>', 'portal id (HubSpot) or company id (Pipedrive)')
    .addHelpText('after', '\nExample:\n  $ HUBSPOT_ACCESS_TOKEN=... HUBSPOT_CLIENT_SECRET=... lead-router install-properties --crm hubspot --tenant 62515')
    .action(async (opts: { crm: string; tenant?: string }, command: Command) => {
      if (opts.crm !== 'hubspot' && opts.crm !== 'pipedrive') throw new InputError(`--crm must be hubspot or pipedrive, got "${opts.crm}"`);
      const globals = command.optsWithGlobals<{ config?: string }>();
      const core = await buildCore({ env: readEnv(io.env), cwd: io.cwd, logger: createLogger({ level: 'warn', stderr: true }), background: false, configFlag: globals.config });
      try {
        const tenant = await resolveTenant(core, opts.crm, opts.tenant);
        const client = await core.connectors[opts.crm]!.client(tenant);
        if (!client) throw new InputError(`${tenant} is not installed`);
        await client.ensureProperties();
        const props = writtenProperties(core.config(tenant).config);
        const feedback = opts.crm === 'hubspot' ? [HUBSPOT_FEEDBACK_PROPERTY, HUBSPOT_FEEDBACK_NOTE_PROPERTY] : [PIPEDRIVE_FEEDBACK_FIELD, PIPEDRIVE_FEEDBACK_NOTE_FIELD];
        io.stdout(`${tenant}: properties ready (${[...Object.values(props), ...feedback].join(', ')})\n`);
      } finally {
        await core.close();
      }
    });
}
