import type { FastifyRequest } from 'fastify';
import { loadConfig } from '../config/load-config';
import { rateLimitPolicies } from './rate-limit.policy';

const policies = rateLimitPolicies(loadConfig({ RATE_LIMIT_TOKEN_PER_MINUTE: '7' }));
const token = policies.get('token')!;
const login = policies.get('login')!;
const asRequest = (headers: Record<string, string>, body: unknown = {}) =>
  ({ ip: '192.0.2.1', headers, body }) as unknown as FastifyRequest;
const basic = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`;

describe('rateLimitPolicies', () => {
  it('names the token, login and api policies with their limits', () => {
    expect([...policies.keys()]).toEqual(['token', 'login', 'api']);
    expect(token.limit).toBe(7);
  });

  it('counts a token request per IP and per client, from Basic or from the body', () => {
    expect(token.trackers(asRequest({ authorization: basic('my%20app:secret') }))).toEqual(['ip:192.0.2.1', 'client:my app']);
    expect(token.trackers(asRequest({}, { client_id: 'public-app' }))).toEqual(['ip:192.0.2.1', 'client:public-app']);
  });

  it('counts a request that names no client or user per IP only, so anonymous requests share no bucket', () => {
    expect(token.trackers(asRequest({}, { access_token: 'x' }))).toEqual(['ip:192.0.2.1']);
    expect(login.trackers(asRequest({}, {}))).toEqual(['ip:192.0.2.1']);
  });

  it('keeps a malformed percent-escape in a Basic client id as sent instead of throwing', () => {
    expect(token.trackers(asRequest({ authorization: basic('%E0%A4%A:secret') }))).toEqual(['ip:192.0.2.1', 'client:%E0%A4%A']);
  });

  it("names the person whose password a request checks (F24): login's username, the password grant's, Basic user:password with ALLOW_BASIC_PASSWORD", () => {
    expect(login.personName!(asRequest({}, { username: 'ada', password: 'x' }))).toBe('ada');
    expect(token.personName!(asRequest({}, { grant_type: 'password', username: 'ada', password: 'x' }))).toBe('ada');
    expect(token.personName!(asRequest({ authorization: basic('app:secret') }, { grant_type: 'client_credentials' }))).toBeNull();
    const api = rateLimitPolicies(loadConfig({ ALLOW_BASIC_PASSWORD: 'true' })).get('api')!;
    expect(api.personName!(asRequest({ authorization: basic('ada:a-password') }))).toBe('ada');
    for (const keyForm of [':tsk_key', 'apikey:tsk_key', 'APIKEY:tsk_key', 'tsk_key:'])
      expect(api.personName!(asRequest({ authorization: basic(keyForm) }))).toBeNull();
    expect(policies.get('api')!.personName).toBeUndefined();
  });
});
