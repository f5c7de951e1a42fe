import fc from 'fast-check';
import request from 'supertest';
import { ALL_SCOPES } from '../../../src/users/scopes';
import { UsersService } from '../../../src/users/users.service';
import { ADMIN, TestApp } from '../../support/test-app';
import { basicAuth, bearer, consentThroughPage, loginToken, pkcePair, REDIRECT_URI, RegisteredApp, tokenRequest, unique } from './flows';

/**
 * The world of the management-API property (issue 11, "the attacker suite"): principals of every
 * kind issue random create/update calls on apps, keys and API users, and after each step every
 * credential that exists, and every token obtainable from it, must stay within what its creator
 * held when it made or changed it (scope-down: docs/decisions.md, "Scopes").
 */

type Access = Record<string, 'read' | 'write'>;

/** Roles the property assigns; created once per app by `prepareWorld`. */
export const ROLE_POOL: Record<string, string[]> = {
  Administrator: [],
  Consumer: ['read', 'account', 'openid', 'profile', 'email'],
  'P Writer': ['read', 'write', 'account'],
  'P Manager': ['read', 'account', 'api-users:view', 'api-users:create', 'api-users:edit'],
  'P Bare manager': ['api-users:view', 'api-users:create', 'api-users:edit'],
  'P Reader': ['read'],
};
const ROLE_NAMES = Object.keys(ROLE_POOL);
const DATABASES = ['01', '02'];

export type ActorKind = 'person-token' | 'third-party-token' | 'pat' | 'api-key';

export interface ActorSpec {
  kind: ActorKind;
  roles: string[];
  access: Access;
  fullAccess: boolean;
  /** Third-party token: the scopes it asks for and the person allows. PAT / key: the scopes asked for at creation. */
  scopes: string[];
}

/**
 * Scopes for a call: mostly a subset of what the actor holds (so creations succeed and the run
 * goes on), sometimes any scopes at all (so refusals are tried too). Resolved when the call is made.
 */
export type ScopeChoice = { within: boolean; pick: boolean[]; any: string[] };

export type Operation =
  | { op: 'create-app'; scopes: ScopeChoice | null }
  | { op: 'update-app'; pick: number; scopes: ScopeChoice }
  | { op: 'rotate-app-secret'; pick: number }
  | { op: 'create-key'; type: 'api_key' | 'personal_token'; scopes: ScopeChoice }
  | { op: 'create-api-user'; roles: string[]; fullAccess: boolean; access: Access }
  | { op: 'update-api-user'; pick: number; roles?: string[]; fullAccess?: boolean; access?: Access }
  | { op: 'issue-api-token'; pick: number }
  | { op: 'authorize-with-bearer'; scopes: ScopeChoice | null };

const scopeSet = fc.subarray([...ALL_SCOPES], { minLength: 0, maxLength: 5 });
const scopeChoice: fc.Arbitrary<ScopeChoice> = fc.record({
  within: fc.nat(3).map((n) => n > 0),
  pick: fc.array(fc.boolean(), { minLength: ALL_SCOPES.length, maxLength: ALL_SCOPES.length }),
  any: scopeSet,
});

function resolveScopes(choice: ScopeChoice, held: Held): string[] {
  return choice.within ? held.scopes.filter((_scope, index) => choice.pick[index]) : choice.any;
}
const access: fc.Arbitrary<Access> = fc.dictionary(fc.constantFrom(...DATABASES), fc.constantFrom<'read' | 'write'>('read', 'write'), {
  maxKeys: 2,
});

export const actorSpec: fc.Arbitrary<ActorSpec> = fc.record({
  kind: fc.constantFrom<ActorKind>('person-token', 'third-party-token', 'pat', 'api-key'),
  roles: fc.subarray(ROLE_NAMES, { minLength: 1, maxLength: 2 }),
  access,
  fullAccess: fc.nat(5).map((n) => n === 0),
  // Half the time the delegated credential asks for `account` too: without it, every call is refused.
  scopes: fc.oneof(
    scopeSet,
    scopeSet.map((scopes) => [...new Set([...scopes, 'account'])]),
  ),
});

export const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('create-app' as const), scopes: fc.option(scopeChoice, { nil: null }) }),
  fc.record({ op: fc.constant('update-app' as const), pick: fc.nat(), scopes: scopeChoice }),
  fc.record({ op: fc.constant('rotate-app-secret' as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant('create-key' as const),
    type: fc.constantFrom<'api_key' | 'personal_token'>('api_key', 'personal_token'),
    scopes: scopeChoice,
  }),
  fc.record({
    op: fc.constant('create-api-user' as const),
    roles: fc.subarray(ROLE_NAMES, { maxLength: 2 }),
    fullAccess: fc.boolean(),
    access,
  }),
  fc.record(
    {
      op: fc.constant('update-api-user' as const),
      pick: fc.nat(),
      roles: fc.option(fc.subarray(ROLE_NAMES, { maxLength: 2 }), { nil: undefined }),
      fullAccess: fc.option(fc.boolean(), { nil: undefined }),
      access: fc.option(access, { nil: undefined }),
    },
    { requiredKeys: ['op', 'pick'] },
  ),
  fc.record({ op: fc.constant('issue-api-token' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('authorize-with-bearer' as const), scopes: fc.option(scopeChoice, { nil: null }) }),
);

/** What the actor held at the moment of a call, as the server sees it (`GET /api/me`). */
interface Held {
  scopes: string[];
  full: boolean;
  databases: Access;
}

interface MadeApp {
  clientId: string;
  secret: string;
  held: Held;
}
interface MadeKey {
  key: string;
  held: Held;
}
interface MadeApiUser {
  id: string;
  held: Held;
  clientSecret: string | null;
  username: string;
}
interface MadeGrant {
  refreshToken: string | null;
  scopes: string[];
  held: Held;
}

/** The roles of the pool, created through the administrators' API. */
export async function prepareWorld(t: TestApp): Promise<string> {
  const admin = await loginToken(t, ADMIN);
  for (const id of DATABASES)
    await request(t.url)
      .post('/api/admin/databases')
      .set('Authorization', bearer(admin))
      .send({ id, name: `Project ${id}` });
  for (const [name, scopes] of Object.entries(ROLE_POOL)) {
    if (scopes.length === 0 || name === 'Consumer') continue;
    await request(t.url).post('/api/admin/roles').set('Authorization', bearer(admin)).send({ name, scopes }).expect(201);
  }
  return admin;
}

/** One run: an actor, a sequence of calls, and the invariant checked after every call. */
export class CredentialWorld {
  private readonly apps: MadeApp[] = [];
  private readonly keys: MadeKey[] = [];
  private readonly apiUsers: MadeApiUser[] = [];
  private readonly grants: MadeGrant[] = [];
  /** Applications the person made before the actor acted (client ids); the actor may try to take them over. */
  private readonly priorApps: string[] = [];
  private credential = '';
  /** How many calls succeeded, by operation: the spec reports them, so a run that tries nothing shows. */
  static readonly made: Record<string, number> = {};

  constructor(
    private readonly t: TestApp,
    private readonly adminToken: string,
    private readonly thirdParty: RegisteredApp,
  ) {}

  async become(spec: ActorSpec): Promise<void> {
    const username = unique('actor');
    const password = `${username}-password-1`;
    await this.t.app
      .get(UsersService)
      .create({ username, password, roles: spec.roles, databaseAccess: spec.access, fullAccess: spec.fullAccess });
    const token = await loginToken(this.t, { username, password });
    await this.givePersonAStrongApp(token);
    this.credential = await this.credentialOf(spec, username, token);
  }

  /**
   * Before the actor acts, the person registers an application of their own with every scope they
   * hold (found by review R01): an actor holding less must not re-key or repurpose it.
   */
  private async givePersonAStrongApp(personToken: string): Promise<void> {
    const me = await request(this.t.url).get('/api/me').set('Authorization', bearer(personToken)).expect(200);
    const scopes = (me.body.scopes as string[]).filter((scope) => scope !== 'account');
    const res = await request(this.t.url)
      .post('/api/apps')
      .set('Authorization', bearer(personToken))
      .send({ name: "the person's own", redirect_uris: [], grant_types: ['authorization_code'], scopes });
    // Not the actor's: nothing obtainable from it is checked until the actor gets hold of a secret.
    if (res.status === 201) this.priorApps.push(res.body.client_id);
  }

  async apply(operation: Operation): Promise<void> {
    const held = await this.held();
    if (!held) return;
    switch (operation.op) {
      case 'create-app':
        return this.createApp(held, operation.scopes && resolveScopes(operation.scopes, held));
      case 'rotate-app-secret':
        return this.rotateAppSecret(held, operation.pick);
      case 'update-app':
        return this.updateApp(held, operation.pick, resolveScopes(operation.scopes, held));
      case 'create-key':
        return this.createKey(held, operation.type, resolveScopes(operation.scopes, held));
      case 'create-api-user':
        return this.createApiUser(held, operation);
      case 'update-api-user':
        return this.updateApiUser(held, operation);
      case 'issue-api-token':
        return this.issueApiToken(held, operation.pick);
      case 'authorize-with-bearer':
        return this.authorizeWithBearer(held, operation.scopes && resolveScopes(operation.scopes, held));
    }
  }

  /** The invariant, over every credential this run made and every token obtainable from it. */
  async check(): Promise<void> {
    for (const app of this.apps) await this.checkApp(app);
    for (const key of this.keys) await this.checkKey(key);
    for (const user of this.apiUsers) await this.checkApiUser(user);
    for (const grant of this.grants) await this.checkGrant(grant);
  }

  private async credentialOf(spec: ActorSpec, username: string, token: string): Promise<string> {
    switch (spec.kind) {
      case 'person-token':
        return bearer(token);
      case 'third-party-token':
        return bearer(await this.thirdPartyToken(username, spec.scopes));
      case 'pat':
      case 'api-key': {
        const type = spec.kind === 'pat' ? 'personal_token' : 'api_key';
        const res = await request(this.t.url)
          .post('/api/keys')
          .set('Authorization', bearer(token))
          .send({ name: 'actor', type, scopes: spec.scopes });
        count(`actor ${type}`, res.status);
        // A key the person may not make (beyond its scopes, or account): the person acts with its own token instead.
        return res.status === 201
          ? type === 'api_key'
            ? `Basic ${Buffer.from(`:${res.body.key}`).toString('base64')}`
            : bearer(res.body.key)
          : bearer(token);
      }
    }
  }

  /** The person allows the third-party application what it asks for (within what the person holds). */
  private async thirdPartyToken(username: string, scopes: string[]): Promise<string> {
    const { verifier, challenge } = pkcePair();
    const location = await consentThroughPage(this.t, username, {
      client_id: this.thirdParty.client_id,
      scope: scopes.join(' ') || undefined,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).catch(() => null);
    const code = location ? new URL(location).searchParams.get('code') : null;
    if (!code) return 'none';
    const res = await tokenRequest(
      this.t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(this.thirdParty.client_id, this.thirdParty.client_secret!),
    );
    return res.status === 200 ? res.body.access_token : 'none';
  }

  private async held(): Promise<Held | null> {
    const res = await request(this.t.url).get('/api/me').set('Authorization', this.credential);
    if (res.status !== 200) return null;
    return { scopes: res.body.scopes, full: res.body.full_access, databases: res.body.database_access };
  }

  private call(method: 'post' | 'patch', path: string, body?: object) {
    return request(this.t.url)[method](path).set('Authorization', this.credential).send(body);
  }

  private async createApp(held: Held, scopes: string[] | null): Promise<void> {
    const res = await this.call('post', '/api/apps', {
      name: 'p',
      redirect_uris: [],
      grant_types: ['client_credentials'],
      ...(scopes ? { scopes } : {}),
    });
    if (res.status === 201) this.apps.push({ clientId: res.body.client_id, secret: res.body.client_secret, held });
    count('create-app', res.status);
  }

  /**
   * A new secret is a new credential: whatever the actor rotates — its own app or the person's —
   * is from then on held to what the actor holds now. The person's app is first turned into a
   * machine client (a grant-type change) when the actor is allowed to change it.
   */
  private async rotateAppSecret(held: Held, pick: number): Promise<void> {
    const candidates = [...this.priorApps, ...this.apps.map((app) => app.clientId)];
    const clientId = candidates[pick % Math.max(1, candidates.length)];
    if (!clientId) return;
    await this.call('patch', `/api/apps/${clientId}`, { grant_types: ['client_credentials', 'authorization_code'] });
    const res = await this.call('post', `/api/apps/${clientId}/secret`);
    count('rotate-app-secret', res.status);
    if (res.status !== 201) return;
    const made = this.apps.find((app) => app.clientId === clientId);
    if (made) Object.assign(made, { secret: res.body.client_secret, held: narrowest(made.held, held) });
    else this.apps.push({ clientId, secret: res.body.client_secret, held });
  }

  private async updateApp(held: Held, pick: number, scopes: string[]): Promise<void> {
    const app = this.apps[pick % Math.max(1, this.apps.length)];
    if (!app) return;
    const res = await this.call('patch', `/api/apps/${app.clientId}`, { scopes });
    if (res.status === 200) app.held = narrowest(app.held, held);
    count('update-app', res.status);
  }

  private async createKey(held: Held, type: 'api_key' | 'personal_token', scopes: string[]): Promise<void> {
    const res = await this.call('post', '/api/keys', { name: 'p', type, scopes });
    if (res.status === 201) this.keys.push({ key: res.body.key, held });
    count('create-key', res.status);
  }

  private async createApiUser(held: Held, operation: Extract<Operation, { op: 'create-api-user' }>): Promise<void> {
    const username = unique('papi');
    const res = await this.call('post', '/api/admin/users', {
      username,
      kind: 'api',
      roles: operation.roles,
      full_access: operation.fullAccess,
      database_access: operation.access,
      oauth2_enabled: true,
    });
    if (res.status === 201) this.apiUsers.push({ id: res.body.id, held, clientSecret: null, username });
    count('create-api-user', res.status);
  }

  private async updateApiUser(held: Held, operation: Extract<Operation, { op: 'update-api-user' }>): Promise<void> {
    const user = this.apiUsers[operation.pick % Math.max(1, this.apiUsers.length)];
    if (!user) return;
    const res = await this.call('patch', `/api/admin/users/${user.id}`, {
      roles: operation.roles,
      full_access: operation.fullAccess,
      database_access: operation.access,
    });
    if (res.status === 200) user.held = narrowest(user.held, held);
    count('update-api-user', res.status);
  }

  private async issueApiToken(_held: Held, pick: number): Promise<void> {
    const user = this.apiUsers[pick % Math.max(1, this.apiUsers.length)];
    if (!user) return;
    const res = await this.call('post', `/api/admin/users/${user.id}/api-token`);
    if (res.status === 201) user.clientSecret = res.body.client_secret;
    count('issue-api-token', res.status);
  }

  /**
   * DAS-style authorization: the actor's credential as a Bearer token at the authorization endpoint
   * gets a code for the third-party application at once; the tokens from it must stay within it.
   */
  private async authorizeWithBearer(held: Held, scopes: string[] | null): Promise<void> {
    const { verifier, challenge } = pkcePair();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.thirdParty.client_id,
      redirect_uri: REDIRECT_URI,
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...(scopes ? { scope: scopes.join(' ') } : {}),
    });
    const res = await request(this.t.url).get(`/oauth2/authorize?${query.toString()}`).set('Authorization', this.credential).redirects(0);
    // A credential that is not a Bearer token is sent to the sign-in page (a relative Location).
    const location = res.status === 302 ? new URL(res.headers.location, this.t.url) : null;
    const code = location?.href.startsWith(REDIRECT_URI) ? location.searchParams.get('code') : null;
    count('authorize-with-bearer', code ? 200 : location ? 302 : res.status);
    if (!code) return;
    const exchanged = await tokenRequest(
      this.t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(this.thirdParty.client_id, this.thirdParty.client_secret!),
    ).expect(200);
    const granted = String(exchanged.body.scope).split(' ').filter(Boolean);
    expectWithin('a code from the Bearer authorization path', granted, held.scopes);
    this.grants.push({ refreshToken: exchanged.body.refresh_token ?? null, scopes: granted, held });
  }

  /** A grant's refresh never gives more than the grant, nor more than the Bearer token that started it. */
  private async checkGrant(grant: MadeGrant): Promise<void> {
    if (!grant.refreshToken) return;
    const refreshed = await tokenRequest(
      this.t,
      { grant_type: 'refresh_token', refresh_token: grant.refreshToken },
      basicAuth(this.thirdParty.client_id, this.thirdParty.client_secret!),
    );
    if (refreshed.status !== 200) return;
    grant.refreshToken = refreshed.body.refresh_token ?? null;
    expectWithin('a token refreshed from a Bearer-path grant', String(refreshed.body.scope).split(' ').filter(Boolean), grant.held.scopes);
  }

  private async checkApp(app: MadeApp): Promise<void> {
    const [row] = await this.t.dataSource.query('SELECT scopes FROM clients WHERE client_id = ?', [app.clientId]);
    const scopes = String(row.scopes).split(' ').filter(Boolean);
    expectWithin(`app ${app.clientId} scopes`, scopes, app.held.scopes);
    const cc = await tokenRequest(this.t, { grant_type: 'client_credentials' }, basicAuth(app.clientId, app.secret));
    if (cc.status === 200) {
      const granted = String(cc.body.scope).split(' ').filter(Boolean);
      expectWithin(`client_credentials token of app ${app.clientId}`, granted, app.held.scopes);
      expect(granted).not.toContain('account');
    }
  }

  private async checkKey(key: MadeKey): Promise<void> {
    const me = await request(this.t.url).get('/api/me').set('Authorization', bearer(key.key));
    if (me.status !== 200) return;
    expectWithin("a key's scopes", me.body.scopes, key.held.scopes);
    expect(me.body.scopes).not.toContain('account');
  }

  private async checkApiUser(user: MadeApiUser): Promise<void> {
    const view = (await request(this.t.url).get(`/api/admin/users/${user.id}`).set('Authorization', bearer(this.adminToken)).expect(200))
      .body;
    if (!user.held.scopes.includes('admin')) {
      const scopes = (view.roles as string[]).flatMap((role) => (ROLE_POOL[role].length ? ROLE_POOL[role] : [...ALL_SCOPES]));
      expectWithin(`API user ${user.username}'s roles`, scopes, user.held.scopes);
      expect(view.full_access).toBe(false);
      expectDatabasesWithin(view.database_access, user.held);
    }
    if (!user.clientSecret) return;
    const cc = await tokenRequest(this.t, { grant_type: 'client_credentials' }, basicAuth(user.username, user.clientSecret));
    if (cc.status === 200 && !user.held.scopes.includes('admin')) {
      expectWithin(
        `client_credentials token of API user ${user.username}`,
        String(cc.body.scope).split(' ').filter(Boolean),
        user.held.scopes,
      );
    }
  }
}

function count(operation: string, status: number): void {
  const outcome = `${operation} ${status < 300 ? 'made' : status}`;
  CredentialWorld.made[outcome] = (CredentialWorld.made[outcome] ?? 0) + 1;
}

/** After an update, a credential must be within both what its creator and its last changer held. */
function narrowest(a: Held, b: Held): Held {
  return {
    scopes: a.scopes.filter((scope) => b.scopes.includes(scope)),
    full: a.full && b.full,
    databases: Object.fromEntries(Object.entries(a.databases).filter(([id]) => b.databases[id] || b.full)) as Access,
  };
}

function expectWithin(what: string, scopes: readonly string[], held: readonly string[]): void {
  const beyond = scopes.filter((scope) => !held.includes(scope));
  expect({ what, beyond }).toEqual({ what, beyond: [] });
}

function expectDatabasesWithin(given: Access, held: Held): void {
  const beyond = Object.entries(given).filter(([id, level]) => {
    const mine = held.full ? 'write' : held.databases[id];
    return !(mine === 'write' || (mine === 'read' && level === 'read'));
  });
  expect({ databases: beyond }).toEqual({ databases: [] });
}
