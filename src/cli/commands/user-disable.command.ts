import { Command } from 'commander';
import { AccountChanges } from '../account-changes';
import { CliContext, insideTessera } from '../cli-runner';

export function userDisableCommand(context: CliContext): Command {
  return new Command('user:disable')
    .summary('disable a user: sessions, tokens and keys stop at once')
    .description('Disable a user: no sign-in, and their sessions, tokens and API keys stop working at once.')
    .argument('<username>', 'the person or API user')
    .action((username: string) => setDisabled(context, username, true));
}

export function userEnableCommand(context: CliContext): Command {
  return new Command('user:enable')
    .summary('enable a disabled user again')
    .description('Enable a disabled user again (and clear a login lockout).')
    .argument('<username>', 'the person or API user')
    .action((username: string) => setDisabled(context, username, false));
}

async function setDisabled(context: CliContext, username: string, disabled: boolean): Promise<void> {
  await insideTessera(context, async (tessera) => {
    const accounts = new AccountChanges(tessera);
    if ((await accounts.find(username)).disabled === disabled) {
      context.output.notice(`"${username}" is already ${disabled ? 'disabled' : 'enabled'}`);
      return;
    }
    await accounts.change(username, { disabled });
    context.output.notice(disabled ? `Disabled "${username}": sessions ended, tokens and keys refused` : `Enabled "${username}"`);
  });
}
