import { formatGroupMappings, GroupMappingsFormatError, parseGroupMappings } from './group-mappings.parser';

describe(parseGroupMappings.name, () => {
  it('reads one rule per line: the value, its roles, and its database access', () => {
    expect(parseGroupMappings('tessera-admins = Administrator\n\n planners = Consumer, Planner; 01:write, 02:read \n')).toEqual([
      { value: 'tessera-admins', roles: ['Administrator'], database_access: {} },
      { value: 'planners', roles: ['Consumer', 'Planner'], database_access: { '01': 'write', '02': 'read' } },
    ]);
  });

  it('keeps an equals sign inside the value (group ids such as CN=…,OU=… )', () => {
    expect(parseGroupMappings('CN=Planners,OU=Groups = Consumer')[0].value).toBe('CN=Planners,OU=Groups');
  });

  it.each([
    ['no equals sign', 'planners Consumer', 'line 1 must read like'],
    ['an access level that does not exist', 'x = Consumer; 01:admin', '"01:admin" must be <database>:read or <database>:write'],
    ['nothing before the equals sign', ' = Consumer', 'line 1 must read like'],
  ])('refuses %s, naming the line', (_case, text, message) => {
    expect(() => parseGroupMappings(text)).toThrow(GroupMappingsFormatError);
    expect(() => parseGroupMappings(text)).toThrow(message);
  });

  it('keeps databases named like inherited object members as plain entries (F19)', () => {
    const [rule] = parseGroupMappings('odd = Consumer; __proto__:read, constructor:write');
    expect(Object.entries(rule.database_access)).toEqual([
      ['__proto__', 'read'],
      ['constructor', 'write'],
    ]);
  });

  it('formats the rules back to the same text', () => {
    const text = 'tessera-admins = Administrator\nplanners = Consumer; 01:write';
    expect(formatGroupMappings(parseGroupMappings(text))).toBe(text);
  });
});
