import { preferred } from './media-types';

describe('preferred', () => {
  const offered = ['application/xml', 'application/json'];

  it('takes the offered type the client weights highest, the first on a tie, any when Accept is absent', () => {
    expect(preferred(undefined, offered)).toBe('application/xml');
    expect(preferred('*/*', offered)).toBe('application/xml');
    expect(preferred('application/json', offered)).toBe('application/json');
    expect(preferred('application/xml;q=0.5, application/json', offered)).toBe('application/json');
    expect(preferred('application/*;q=0.2, application/json;q=0.1', offered)).toBe('application/xml');
  });

  it('uses the most specific range for each type and answers null when none is acceptable', () => {
    expect(preferred('application/json;q=0, */*', offered)).toBe('application/xml');
    expect(preferred('text/html', ['application/json'])).toBeNull();
    expect(preferred('application/json;q=0', ['application/json'])).toBeNull();
  });
});
