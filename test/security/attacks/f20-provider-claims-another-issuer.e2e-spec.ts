import { createServer, Server } from 'node:http';
import { RedirectingBrowser } from '../../support/redirecting-browser';
import { adminApi, companySettings, Federation, startFederation } from '../../federation/federation-support';

/**
 * F20 (high). Identity providers are keyed by the ID token's `iss` + `sub` (OpenID Connect Core
 * §5.7). A second provider an attacker controls ("Partner") served a discovery document naming the
 * company's issuer and signed ID tokens with that `iss` and its own keys: openid-client 5 does not
 * compare the discovered `issuer` with the one configured, so the partner's sign-in for a company
 * person's `sub` landed on her account, and her next company sign-in gave that session her roles
 * (Administrator). Found by a review session; seen failing on d9458bd: Tessera followed the
 * partner's document and sent the browser to its authorization endpoint (303).
 * OpenID Connect Discovery §4.3: the `issuer` in the document must be identical to the configured one.
 */
describe('F20: a provider whose discovery document names another issuer is refused', () => {
  let federation: Federation;
  let partner: Server;
  let partnerUrl: string;

  beforeAll(async () => {
    federation = await startFederation();
    partner = createServer((req, res) => {
      if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
      const claimed = federation.company.issuer;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer: claimed,
          authorization_endpoint: `${partnerUrl}/auth`,
          token_endpoint: `${partnerUrl}/token`,
          jwks_uri: `${partnerUrl}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', () => resolve()));
    const address = partner.address();
    partnerUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => partner?.close(resolve));
    await federation?.close();
  });

  it('answers a 502 page naming the mismatch instead of sending the browser to the partner', async () => {
    const admin = await adminApi(federation.t);
    const created = await admin
      .create({ ...companySettings(partnerUrl), name: 'Partner', domains: ['partner.example'], group_mappings: [] })
      .expect(201);
    const res = await new RedirectingBrowser().get(`${federation.t.url}/login/federation/${created.body.id}?return_to=%2Faccount`);
    expect(res.status).toBe(502);
    expect(res.headers.get('location')).toBeNull();
    expect(res.text).toContain('Partner');
    expect(res.text).toMatch(/another issuer/);
  });

  it('still signs in through a provider whose document names itself', async () => {
    const res = await new RedirectingBrowser().get(federation.startUrl());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain(federation.company.issuer);
  });
});
