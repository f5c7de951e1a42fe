import { validateEntityBody } from './entity-body.validator';
import { ROOMS } from './sets/rooms.set';

const named = (values: Map<{ name: string }, unknown>) => Object.fromEntries([...values].map(([f, v]) => [f.name, v]));

describe('validateEntityBody', () => {
  const room = { number: 'Z.01.001', name: 'Lab', status: 'planned' };

  it('accepts a complete create body and ignores OData annotations', () => {
    expect(named(validateEntityBody(ROOMS, { ...room, floor: null, '@odata.type': '#Tessera.Room' }, 'create'))).toEqual({
      ...room,
      floor: null,
    });
  });

  it('accepts a partial update', () => {
    expect(named(validateEntityBody(ROOMS, { area: 12.5 }, 'update'))).toEqual({ area: 12.5 });
  });

  it.each([
    [[], 'create', /JSON object/],
    [{ name: 'x' }, 'create', /Missing required fields "number", "status"/],
    [{ ...room, colour: 'red' }, 'create', /Unknown field "colour"/],
    [{ id: 5 }, 'update', /"id" is set by the server/],
    [{ floor: 1.5 }, 'update', /"floor" must be a whole number/],
    [{ area: '12' }, 'update', /"area" must be a number/],
    [{ name: null }, 'update', /"name" cannot be null/],
    [{ number: 'x'.repeat(33) }, 'update', /at most 32 characters/],
    [{}, 'update', /changes no field/],
    [{ name: '\ud800' }, 'update', /not valid Unicode/],
    [{ name: 'a\u0000b' }, 'update', /not valid Unicode/],
  ])('refuses %j on %s', (body, mode, message) => {
    expect(() => validateEntityBody(ROOMS, body, mode as 'create' | 'update')).toThrow(message);
  });
});
