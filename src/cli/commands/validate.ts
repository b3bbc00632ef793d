// lead-router validate [file]: load the config like the service does and report every
// problem with its path, line and a hint; exit 0 when it is valid.
import type { Command } from 'commander';
import { summarizeConfig } from '../../config/summarize-config.ts';
import { configPathFor, loadConfigForCli } from '../config-option.ts';
import type { CliIo } from '../io.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function register(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('Check a config file: schema, references between owners/teams/fields, time ranges.')
    .argument('[file]', 'config file (default: --config, $LEAD_ROUTER_CONFIG, config/lead-router.yaml)')
    .addHelpText(
      'after',
      `
Exit codes: 0 valid, 1 invalid (each problem printed with file:line:column, path and a hint).

Examples:
  $ lead-router validate
  $ lead-router validate config/examples/vertical-teams.yaml
  $ LEAD_ROUTER_CONFIG=prod.yaml lead-router validate`,
    )
    .action((file: string | undefined, _opts: unknown, command: Command) => {
      const { file: shown, config } = loadConfigForCli(configPathFor(command, io, file), io);
      const s = summarizeConfig(config);
      io.stdout(
        `${shown}: OK (${plural(s.owners, 'owner')}, ${plural(s.teams, 'team')}, ${plural(s.rules, 'rule')}; ` +
          `${plural(s.fitRules, 'fit rule')}, ${plural(s.engagementRules, 'engagement rule')})\n`,
      );
    });
}
