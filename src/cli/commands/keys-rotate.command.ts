import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { TesseraConfig } from '../../config/tessera-config';
import { KEY_REFRESH_MS, SigningKeysService } from '../../oauth/tokens/signing-keys.service';
import { CliContext, insideTessera } from '../cli-runner';

export function keysRotateCommand(context: CliContext): Command {
  return new Command('keys:rotate')
    .summary('sign with a new key; the old one verifies until its tokens expire')
    .description(
      'Make a new signing key the one tokens are signed with. The old key stays in JWKS and verifies the tokens it signed until the longest access-token lifetime has passed, then retires. Prints the new kid.',
    )
    .addHelpText(
      'after',
      '\nRunning instances sign with the new key within 10 s. Give the command the same TESSERA_SECRET and ACCESS_TOKEN_TTL as the server.',
    )
    .action(() =>
      insideTessera(context, async (tessera, config) => {
        const lifetime = await longestTokenLifetime(tessera.get(DataSource), config);
        // Instances still sign with the old key until they next reread the keys.
        const retireAt = new Date(Date.now() + KEY_REFRESH_MS + lifetime * 1000);
        const kid = await tessera.get(SigningKeysService, { strict: false }).rotate(retireAt);
        context.output.notice(
          `Tokens are now signed with ${kid}; the previous key verifies its tokens until ${retireAt.toISOString()} (their lifetime: ${lifetime} s), then retires`,
        );
        context.output.result(kid);
      }),
    );
}

/**
 * The longest an access (or ID) token signed now can live: ACCESS_TOKEN_TTL, or a longer lifetime
 * an application or an API user was given.
 */
async function longestTokenLifetime(dataSource: DataSource, config: TesseraConfig): Promise<number> {
  const [clients] = await dataSource.query('SELECT MAX(access_token_ttl) AS seconds FROM clients');
  const [users] = await dataSource.query('SELECT MAX(access_token_ttl_minutes) AS minutes FROM users');
  return Math.max(config.tokens.accessTokenTtl, Number(clients?.seconds ?? 0), Number(users?.minutes ?? 0) * 60);
}
