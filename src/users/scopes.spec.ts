import { ALL_SCOPES, scopeSentence } from './scopes';

describe('scopeSentence', () => {
  it('describes every scope in words', () => {
    for (const scope of ALL_SCOPES) expect(scopeSentence(scope)).not.toBe(scope);
    expect(scopeSentence('read')).toBe('Read building data in the databases you can see');
  });

  it('shows an unknown scope as its name', () => {
    expect(scopeSentence('calendar')).toBe('calendar');
  });
});
