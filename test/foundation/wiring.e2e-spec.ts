import { Test } from '@nestjs/testing';
import { AuthGuardsModule } from '../../src/auth/auth-guards.module';
import { ConfigModule } from '../../src/config/config.module';
import { loadConfig } from '../../src/config/load-config';
import { DatabaseModule } from '../../src/database/database.module';
import { KeysModule } from '../../src/keys/keys.module';
import { LimitsModule } from '../../src/limits/limits.module';
import { OAuthModule } from '../../src/oauth/oauth.module';

/**
 * Issue 13: a wiring mistake fails the start instead of becoming a silent 401. The Bearer, Basic
 * and Reference strategies take their verifiers by injection; an application that forgets the
 * module providing one must not start.
 */
describe('module wiring', () => {
  // Each composition gets its own in-memory database: a composition that fails may leave its data
  // source opening in the background, and must not share a schema with the next one.
  const config = () => loadConfig({ DATABASE_URL: 'sqlite::memory:', SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
  // The rate limits are part of every composition: the token endpoint charges a person's budget (LimitsModule is global).
  const compose = (...verifiers: Parameters<typeof AuthGuardsModule.withVerifiersFrom>) => {
    const loaded = config();
    return Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(loaded),
        DatabaseModule,
        LimitsModule.forRoot(loaded),
        AuthGuardsModule.withVerifiersFrom(...verifiers),
      ],
    }).compile();
  };

  it('refuses to start without the module that verifies API keys', async () => {
    await expect(compose(OAuthModule)).rejects.toThrow(/API_KEY_VERIFIER/);
  });

  it('refuses to start without the module that verifies access tokens', async () => {
    await expect(compose(KeysModule)).rejects.toThrow(/ACCESS_TOKEN_VERIFIER/);
  });

  it('starts with both', async () => {
    const module = await compose(KeysModule, OAuthModule);
    await module.close();
  });
});
