import { Command, Option } from 'commander';
import type { RoleView } from '../../admin/roles/role.view';
import { ALL_SCOPES } from '../../users/scopes';
import { CliContext, insideTessera } from '../cli-runner';
import { RoleChanges } from '../role-changes';

const twoFactorOption = () =>
  new Option('--two-factor <rule>', 'whether its holders must sign in with a second factor (TOTP)').choices(['required', 'optional']);

interface Options {
  scopes?: string[];
  default?: boolean;
  twoFactor?: 'required' | 'optional';
}

export function roleCreateCommand(context: CliContext): Command {
  return new Command('role:create')
    .summary('create a role with its scopes')
    .description(`Create a role carrying these scopes (${ALL_SCOPES.join(', ')}).`)
    .argument('<name>', 'letters, digits, spaces and . _ -')
    .argument('<scopes...>', 'the scopes its holders get')
    .option('--default', 'make it the role new people get')
    .addOption(twoFactorOption())
    .addHelpText('after', '\nExample:\n  tessera role:create Editor read write account')
    .action((name: string, scopes: string[], options: Options) =>
      insideTessera(context, async (tessera) => {
        const role = await new RoleChanges(tessera).create({ name, scopes, ...fieldsOf(options) });
        context.output.notice(`Created the role ${describe(role)}`);
      }),
    );
}

export function roleUpdateCommand(context: CliContext): Command {
  return new Command('role:update')
    .summary("change a role's scopes, default or two-factor rule")
    .description('Change a role: its scopes, whether it is the default role, whether its holders must sign in with a second factor.')
    .argument('<name>', 'the role')
    .option('--scopes <scopes...>', 'the scopes its holders get (replaces them all)')
    .option('--default', 'make it the role new people get')
    .addOption(twoFactorOption())
    .addHelpText(
      'after',
      '\nAdministrator ships with --two-factor required: its holders set up an authenticator app at their first\nconsole sign-in, and the API refuses their password alone until they have.\n\nExample:\n  tessera role:update Planner --two-factor required',
    )
    .action((name: string, options: Options) =>
      insideTessera(context, async (tessera) => {
        const role = await new RoleChanges(tessera).update(name, fieldsOf(options));
        context.output.notice(`Changed the role ${describe(role)}`);
      }),
    );
}

function fieldsOf(options: Options): Record<string, unknown> {
  return {
    ...(options.scopes ? { scopes: options.scopes } : {}),
    ...(options.default ? { is_default: true } : {}),
    ...(options.twoFactor ? { two_factor_required: options.twoFactor === 'required' } : {}),
  };
}

const describe = (role: RoleView) =>
  `${role.name}: ${role.scopes.join(' ')}${role.is_default ? ', the default role' : ''}, two-factor sign-in ${role.two_factor_required ? 'required' : 'optional'}`;
