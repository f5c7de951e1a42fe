import type { AccessLevel } from '../users/entities/database-access.entity';

/** One rule: a person whose group (or role) claim holds `value` gets these roles and database access. */
export interface GroupMapping {
  value: string;
  roles: string[];
  database_access: Record<string, AccessLevel>;
}

/** Which claims name the person, and which group claim values give which Tessera rights. */
export interface ClaimMapping {
  username_claim: string;
  email_claim: string;
  groups_claim: string | null;
  group_mappings: GroupMapping[];
}

export const DEFAULT_CLAIM_MAPPING: ClaimMapping = {
  username_claim: 'preferred_username',
  email_claim: 'email',
  groups_claim: 'groups',
  group_mappings: [],
};

export interface MappedPerson {
  username: string | null;
  email: string | null;
  /** Null when no rule matched: the default role applies. */
  roles: string[] | null;
  databaseAccess: Record<string, AccessLevel>;
}

/**
 * What the upstream claims give: the name and e-mail from the configured claims, and the union of
 * the roles and database access of every rule whose value is among the group claim's values (the
 * higher level wins when two rules give the same database). A string claim counts as one value.
 */
export function mapClaims(claims: Record<string, unknown>, mapping: ClaimMapping): MappedPerson {
  const groups = mapping.groups_claim ? valuesOf(claims[mapping.groups_claim]) : [];
  const matched = mapping.group_mappings.filter((rule) => groups.includes(rule.value));
  // A Map, not `{}`: a database may be named `__proto__` or `constructor` (F19).
  const levels = new Map<string, AccessLevel>();
  for (const rule of matched) {
    for (const [database, level] of Object.entries(rule.database_access ?? {})) {
      if (levels.get(database) !== 'write') levels.set(database, level);
    }
  }
  const databaseAccess = Object.fromEntries(levels);
  return {
    username: textOf(claims[mapping.username_claim]),
    email: textOf(claims[mapping.email_claim]),
    roles: matched.length > 0 ? [...new Set(matched.flatMap((rule) => rule.roles))] : null,
    databaseAccess,
  };
}

function valuesOf(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  return Array.isArray(claim) ? claim.filter((value): value is string => typeof value === 'string') : [];
}

function textOf(claim: unknown): string | null {
  return typeof claim === 'string' && claim.trim() !== '' ? claim.trim() : null;
}

/** The domain of an e-mail address, lower-cased; null for something that is not one. */
export function domainOf(email: string | null | undefined): string | null {
  const match = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/.exec(email?.trim() ?? '');
  return match ? match[1].toLowerCase() : null;
}
