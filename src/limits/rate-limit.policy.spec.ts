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

  it('counts a token request per IP only: the client id it names proves nothing before the client authenticated (review 3, B2)', () => {
    expect(token.trackers(asRequest({ authorization: basic('my%20app:secret') }))).toEqual(['ip:192.0.2.1']);
    expect(token.trackers(asRequest({}, { client_id: 'public-app' }))).toEqual(['ip:192.0.2.1']);
  });

  it('counts a request that names no client or user per IP only, so anonymous requests share no bucket', () => {
    expect(token.trackers(asRequest({}, { access_token: 'x' }))).toEqual(['ip:192.0.2.1']);
    expect(login.trackers(asRequest({}, {}))).toEqual(['ip:192.0.2.1']);
  });

  it('counts one credential under one key however its header spells it (review 3, B3)', () => {
    const api = policies.get('api')!;
    const key = (authorization: string) => api.trackers(asRequest({ authorization }))[1];
    expect(key('Basic OnRza19rZXk=')).toBe(key('basic  OnRza19rZXk'));
    expect(key('Bearer aaa.bbb.ccc')).toBe(key('bearer aaa.bbb.ddd'));
    expect(key('Bearer aaa.bbb.ccc')).not.toBe(key('Bearer aaa.bbc.ccc'));
    expect(key('Bearer tsk_pat')).toBe(key('bearer  tsk_pat'));
    expect(key('Reference tsk_key')).not.toBe(key('Reference tsk_other'));
    const basic = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`;
    const spellings = [
      'Bearer tsk_key',
      'Reference tsk_key',
      basic(':tsk_key'),
      basic('ApiKey:tsk_key'),
      basic('apikey:tsk_key'),
      basic('tsk_key:'),
    ];
    expect(new Set(spellings.map(key)).size).toBe(1);
    // Another credential never shares the key: no signature, another scheme's name, a person's password.
    expect(key('Bearer aaa.bbb.')).not.toBe(key('Bearer aaa.bbb.ccc'));
    expect(key('JWT aaa.bbb')).not.toBe(key('Bearer aaa.bbb.ccc'));
    expect(key(basic('ada:tsk_key'))).not.toBe(key('Bearer tsk_key'));
  });
});
