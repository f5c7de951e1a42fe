import { Command } from 'commander';
import { CliContext } from './cli-runner';
import { auditTailCommand } from './commands/audit-tail.command';
import { keysRotateCommand } from './commands/keys-rotate.command';
import { migrateCommand, migrateRevertCommand } from './commands/migrate.command';
import { roleCreateCommand, roleUpdateCommand } from './commands/role.command';
import { seedCommand } from './commands/seed.command';
import { userCreateCommand } from './commands/user-create.command';
import { userDisableCommand, userEnableCommand } from './commands/user-disable.command';
import { userResetPasswordCommand } from './commands/user-reset-password.command';

const COMMANDS = [
  userCreateCommand,
  userResetPasswordCommand,
  userDisableCommand,
  userEnableCommand,
  roleCreateCommand,
  roleUpdateCommand,
  keysRotateCommand,
  migrateCommand,
  migrateRevertCommand,
  seedCommand,
  auditTailCommand,
];

/**
 * `tessera <command>`: the administrator's command line, on the database DATABASE_URL names (SQLite
 * or MySQL/MariaDB), with the same variables as the server. Commander parses and writes the help;
 * a usage error exits 1 with its one line (main.ts).
 */
export function cliProgram(context: CliContext): Command {
  const program = new Command('tessera')
    .description('Administer Tessera on the database DATABASE_URL names (default sqlite:./data/tessera.sqlite).')
    .usage('<command> [options]')
    .helpCommand('help [command]', 'show the help of a command')
    .addHelpText(
      'after',
      '\nEvery command reads the same environment variables as `npm start` (DATABASE_URL, TESSERA_SECRET, …).\nResults go to stdout, messages to stderr; a failure exits non-zero with a one-line reason.',
    )
    .configureOutput({ writeOut: (text) => context.output.write('out', text), writeErr: (text) => context.output.write('err', text) })
    .showSuggestionAfterError()
    .exitOverride();
  for (const command of COMMANDS) program.addCommand(command(context).exitOverride().configureOutput(program.configureOutput()));
  return program;
}
