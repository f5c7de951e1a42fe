import { QueryOptionError } from './query-option.error';

const MAX_INTEGER = 2_147_483_647;

/** Parses `$top` / `$skip`: a non-negative whole number (absent → undefined). */
export function parseNonNegativeInteger(option: '$top' | '$skip', text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new QueryOptionError(option, `"${text}" is not a non-negative whole number; e.g. ${option}=100`);
  const value = Number(text.trim());
  if (value > MAX_INTEGER) throw new QueryOptionError(option, `${text} is larger than ${MAX_INTEGER}`);
  return value;
}

/** Parses `$count`: `true` or `false` (absent → false). */
export function parseCount(text: string | undefined): boolean {
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  throw new QueryOptionError('$count', `"${text}" must be true or false`);
}
