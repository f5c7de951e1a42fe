import { ClaimMapping, DEFAULT_CLAIM_MAPPING, domainOf, mapClaims } from './claim-mapping';

describe(mapClaims.name, () => {
  const mapping: ClaimMapping = {
    ...DEFAULT_CLAIM_MAPPING,
    group_mappings: [
      { value: 'tessera-admins', roles: ['Administrator'], database_access: {} },
      { value: 'planners', roles: ['Consumer'], database_access: { '01': 'read' } },
      { value: 'editors', roles: ['Consumer'], database_access: { '01': 'write', '02': 'read' } },
    ],
  };

  it('gives the union of the roles and the highest access of every matching group', () => {
    const mapped = mapClaims({ preferred_username: 'ada', email: 'ada@company.example', groups: ['planners', 'editors'] }, mapping);
    expect(mapped).toEqual({
      username: 'ada',
      email: 'ada@company.example',
      roles: ['Consumer'],
      databaseAccess: { '01': 'write', '02': 'read' },
    });
  });

  it('keeps databases named like inherited object members as plain entries (F19)', () => {
    const odd: ClaimMapping = {
      ...DEFAULT_CLAIM_MAPPING,
      group_mappings: [{ value: 'odd', roles: [], database_access: JSON.parse('{"__proto__":"read","constructor":"write"}') }],
    };
    expect(Object.entries(mapClaims({ groups: ['odd'] }, odd).databaseAccess)).toEqual([
      ['__proto__', 'read'],
      ['constructor', 'write'],
    ]);
  });

  it('answers null roles (the default role applies) when no group matches', () => {
    expect(mapClaims({ groups: ['unknown'] }, mapping).roles).toBeNull();
  });

  it('reads a single string claim as one value and ignores values that are not strings', () => {
    expect(mapClaims({ groups: 'tessera-admins' }, mapping).roles).toEqual(['Administrator']);
    expect(mapClaims({ groups: [1, { value: 'tessera-admins' }] }, mapping).roles).toBeNull();
  });

  it('reads the configured claims', () => {
    const custom = { ...mapping, username_claim: 'upn', email_claim: 'mail', groups_claim: 'roles' };
    const mapped = mapClaims({ upn: 'ada@corp', mail: 'ada@corp.example', roles: ['tessera-admins'] }, custom);
    expect([mapped.username, mapped.email, mapped.roles]).toEqual(['ada@corp', 'ada@corp.example', ['Administrator']]);
  });
});

describe(domainOf.name, () => {
  it.each([
    ['Ada@Company.Example', 'company.example'],
    ['ada', null],
    ['a@b', null],
    [null, null],
  ])('%p → %p', (email, domain) => expect(domainOf(email)).toBe(domain));
});
