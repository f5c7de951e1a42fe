import { Command } from 'commander';
import { AccountChanges } from '../account-changes';
import { CliContext, insideTessera } from '../cli-runner';
import { generatedPassword, passwordFromStdin } from '../password-input';

export function userResetPasswordCommand(context: CliContext): Command {
  return new Command('user:reset-password')
    .summary('give a person a new password (generated, or from stdin)')
    .description(
      'Give a person a new password: generated and printed on stdout once, or read from standard input. Ends their sessions and clears a lockout.',
    )
    .argument('<username>', 'the person')
    .option('--stdin', 'read the new password from the first line of standard input')
    .addHelpText(
      'after',
      '\nExamples:\n  tessera user:reset-password dana                 # prints a generated password\n  echo change-me-now | tessera user:reset-password admin --stdin',
    )
    .action(async (username: string, options: { stdin?: boolean }) => {
      const password = options.stdin ? await passwordFromStdin(context.stdin) : generatedPassword();
      await insideTessera(context, async (tessera) => {
        await new AccountChanges(tessera).change(username, { password });
        context.output.notice(`New password set for "${username}"; their sessions have ended`);
        if (!options.stdin) context.output.result(password);
      });
    });
}
