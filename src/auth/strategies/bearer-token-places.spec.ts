import type { FastifyRequest } from 'fastify';
import { InvalidBearerRequest } from '../../common/errors/api-error';
import { bearerView, refuseTokenInUrl } from './bearer-token-places';

const requestOf = (fields: { method?: string; headers?: Record<string, string>; query?: object; body?: unknown }) =>
  ({ method: 'GET', headers: {}, query: {}, ...fields }) as unknown as FastifyRequest;

describe('bearer token places (F18)', () => {
  it('refuses access_token in the query, even empty, and lets other parameters pass', () => {
    expect(() => refuseTokenInUrl(requestOf({ query: { access_token: 'x' } }))).toThrow(InvalidBearerRequest);
    expect(() => refuseTokenInUrl(requestOf({ query: { access_token: '' } }))).toThrow(InvalidBearerRequest);
    expect(() => refuseTokenInUrl(requestOf({ query: { $top: '1', token: 'x' } }))).not.toThrow();
    expect(() => refuseTokenInUrl(requestOf({ query: undefined }))).not.toThrow();
  });

  it('shows passport-http-bearer the headers, never the query, and a body only when it is a POSTed form', () => {
    const headers = { authorization: 'Bearer a' };
    expect(bearerView(requestOf({ headers, query: { access_token: 'q' } }))).toEqual({ headers });
    const json = { 'content-type': 'application/json' };
    expect(bearerView(requestOf({ method: 'POST', headers: json, body: { access_token: 'b' } }))).toEqual({ headers: json });
    const form = { 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=utf-8' };
    expect(bearerView(requestOf({ method: 'POST', headers: form, body: { access_token: 'b', other: 1 } }))).toEqual({
      headers: form,
      body: { access_token: 'b' },
    });
    expect(bearerView(requestOf({ method: 'GET', headers: form, body: { access_token: 'b' } }))).toEqual({ headers: form });
  });

  it('refuses a form-body token beside any Authorization header', () => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic eDp5' };
    expect(() => bearerView(requestOf({ method: 'POST', headers, body: { access_token: 'b' } }))).toThrow(/one way only/);
  });
});
