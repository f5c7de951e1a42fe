import { RevocationFact, RevocationState, TokenFacts } from './revocation-state';

const token: TokenFacts = { jti: 'j1', grantId: 'g1', clientId: 'app', ownerId: 'u1', issuedAtMs: 1_000 };
const fact = (kind: RevocationFact['kind'], ref: string, atMs = 2_000, untilMs = 10_000): RevocationFact => ({ kind, ref, atMs, untilMs });

describe(RevocationState.name, () => {
  it('accepts a token nothing revoked', () => {
    const state = new RevocationState();
    state.apply(fact('jti', 'other'));
    state.apply(fact('grant', 'g2'));
    state.apply(fact('client', 'other-app'));
    state.apply(fact('user', 'u2'));
    expect(state.refuses(token)).toBe(false);
  });

  it.each([
    ['its jti', fact('jti', 'j1')],
    ['its grant', fact('grant', 'g1')],
    ['a not-before time of its client after it was issued', fact('client', 'app', 1_500)],
    ['a not-before time of its owner after it was issued', fact('user', 'u1', 1_500)],
    ['a not-before time in the very millisecond it was issued', fact('user', 'u1', 1_000)],
  ])('refuses a token by %s', (_name, revocation) => {
    const state = new RevocationState();
    state.apply(revocation);
    expect(state.refuses(token)).toBe(true);
  });

  it('accepts a token issued after its client or owner was revoked', () => {
    const state = new RevocationState();
    state.apply(fact('client', 'app', 500));
    state.apply(fact('user', 'u1', 999));
    expect(state.refuses(token)).toBe(false);
  });

  it('never lowers a not-before time, whatever order the facts arrive in', () => {
    const state = new RevocationState();
    state.apply(fact('user', 'u1', 1_500));
    state.apply(fact('user', 'u1', 500));
    expect(state.refuses(token)).toBe(true);
  });

  it('forgets a revocation once no token it refuses can still be unexpired', () => {
    const state = new RevocationState();
    state.apply(fact('jti', 'j1', 2_000, 5_000));
    state.apply(fact('user', 'u1', 2_000, 6_000));
    state.forgetExpired(5_000);
    expect(state.size).toBe(1);
    state.forgetExpired(6_000);
    expect(state.size).toBe(0);
  });
});
