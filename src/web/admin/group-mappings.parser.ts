import type { GroupMapping } from '../../federation/claim-mapping';

/** A line of the group-mappings field that cannot be read; the message names the line and shows the form. */
export class GroupMappingsFormatError extends Error {}

const EXAMPLE = 'tessera-admins = Administrator; 01:write, 02:read';

/**
 * The console's text form of the claim mapping's group rules: one rule per line,
 * `<group value> = <role>, <role>; <database>:<read|write>, …` (the access part optional).
 */
export function parseGroupMappings(text: string): GroupMapping[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, index) => parseLine(line, index + 1));
}

function parseLine(line: string, number: number): GroupMapping {
  const at = line.lastIndexOf('=');
  const value = line.slice(0, at).trim();
  if (at < 0 || !value) throw new GroupMappingsFormatError(`group_mappings line ${number} must read like "${EXAMPLE}"`);
  const [rolesPart, accessPart = ''] = line.slice(at + 1).split(';');
  const levels = new Map<string, 'read' | 'write'>(); // not `{}`: a database may be named `__proto__` (F19)
  for (const entry of listOf(accessPart)) {
    const [database, level] = entry.split(':').map((part) => part.trim());
    if (!database || (level !== 'read' && level !== 'write'))
      throw new GroupMappingsFormatError(`group_mappings line ${number}: "${entry}" must be <database>:read or <database>:write`);
    levels.set(database, level);
  }
  return { value, roles: listOf(rolesPart), database_access: Object.fromEntries(levels) };
}

function listOf(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The rules back as the field's text. */
export function formatGroupMappings(mappings: readonly GroupMapping[]): string {
  return mappings
    .map((rule) => {
      const access = Object.entries(rule.database_access).map(([database, level]) => `${database}:${level}`);
      return `${rule.value} = ${rule.roles.join(', ')}${access.length ? `; ${access.join(', ')}` : ''}`;
    })
    .join('\n');
}
