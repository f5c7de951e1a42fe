import { Command, Option } from 'commander';
import { ADMINISTRATOR_ROLE, RolesService } from '../../users/roles.service';
import { AccountChanges } from '../account-changes';
import { CliContext, insideTessera } from '../cli-runner';
import { generatedPassword, passwordFromStdin } from '../password-input';

interface Options {
  email?: string;
  role?: string[];
  admin?: boolean;
  fullAccess?: boolean;
  database?: string[];
  api?: boolean;
  passwordStdin?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function userCreateCommand(context: CliContext): Command {
  return new Command('user:create')
    .summary('create a person or an API user')
    .description('Create a person (or, with --api, an API user). Prints the generated password on stdout, once.')
    .argument('<username>', "letters, digits and . _ @ - (an API user's client_id)")
    .option('--email <address>', 'e-mail address')
    .option('--role <name>', 'a role to give; repeat for several (default: the default role)', collect)
    .option('--admin', 'the Administrator role and full access to every database')
    .option('--full-access', 'access to every database, now and later')
    .option('--database <id=level>', 'access to one database, level read or write; repeat for several', collect)
    .addOption(
      new Option('--api', 'an API user (client credentials, no password) instead of a person').conflicts(['passwordStdin', 'admin']),
    )
    .option('--password-stdin', 'read the password from the first line of standard input instead of generating one')
    .addHelpText(
      'after',
      '\nExamples:\n  tessera user:create dana --email dana@example.com\n  echo "a long passphrase" | tessera user:create ops --admin --password-stdin\n  tessera user:create etl --api --role Consumer --database 01=read',
    )
    .action((username: string, options: Options) => createUser(context, username, options));
}

async function createUser(context: CliContext, username: string, options: Options): Promise<void> {
  const password = options.api ? undefined : options.passwordStdin ? await passwordFromStdin(context.stdin) : generatedPassword();
  await insideTessera(context, async (tessera) => {
    const given = options.role ?? [];
    const roles = options.admin
      ? [ADMINISTRATOR_ROLE, ...given]
      : given.length > 0
        ? given
        : await defaultRole(tessera.get(RolesService, { strict: false }));
    const created = await new AccountChanges(tessera).create({
      username,
      email: options.email,
      password,
      kind: options.api ? 'api' : 'person',
      roles: [...new Set(roles)],
      full_access: Boolean(options.admin || options.fullAccess),
      database_access: databaseAccess(options.database ?? []),
    });
    context.output.notice(
      `Created ${created.kind === 'api' ? 'API user' : 'person'} "${created.username}" (${created.id}) with ${describeRoles(created.roles)}`,
    );
    if (password && !options.passwordStdin) context.output.result(password);
  });
}

async function defaultRole(roles: RolesService): Promise<string[]> {
  const role = await roles.findDefault();
  return role ? [role.name] : [];
}

function databaseAccess(entries: string[]): Record<string, string> {
  return Object.fromEntries(
    entries.map((entry) => {
      const [id, level = 'read'] = entry.split('=');
      return [id, level];
    }),
  );
}

const describeRoles = (roles: string[]) => (roles.length === 0 ? 'no role' : `the role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}`);
