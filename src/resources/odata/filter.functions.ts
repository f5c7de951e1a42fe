import type { ValueType } from './filter.ast';

type ArgumentType = 'string' | 'number' | 'datetime' | 'date-or-datetime' | 'time-or-datetime';

/** One canonical function (OData 4.01 Part 2 §5.1.1): its arguments and what it returns. */
export interface FunctionSignature {
  readonly name: string;
  /** Each accepted argument list; `substring` takes two or three. */
  readonly overloads: readonly (readonly ArgumentType[])[];
  /** The result type; `same` keeps the numeric type of the argument (`round(int)` is an int). */
  readonly returns: ValueType | 'same';
  /** For docs/resources.md and the error messages. */
  readonly example: string;
}

const fn = (name: string, overloads: ArgumentType[][], returns: FunctionSignature['returns'], example: string): FunctionSignature =>
  Object.freeze({ name, overloads, returns, example });

/** Every function `$filter` supports, declared once: the parser, the CSDL capabilities and the docs read this list. */
export const FUNCTIONS: readonly FunctionSignature[] = [
  fn('contains', [['string', 'string']], 'boolean', "contains(tolower(name),'office')"),
  fn('startswith', [['string', 'string']], 'boolean', "startswith(number,'A.01')"),
  fn('endswith', [['string', 'string']], 'boolean', "endswith(name,'Lab')"),
  fn('tolower', [['string']], 'string', "tolower(department) eq 'radiology'"),
  fn('toupper', [['string']], 'string', "toupper(status) eq 'PLANNED'"),
  fn('length', [['string']], 'int', 'length(name) gt 20'),
  fn('trim', [['string']], 'string', "trim(name) eq 'Office'"),
  fn('indexof', [['string', 'string']], 'int', "indexof(number,'.') eq 1"),
  fn(
    'substring',
    [
      ['string', 'number'],
      ['string', 'number', 'number'],
    ],
    'string',
    "substring(number,0,1) eq 'A'",
  ),
  fn('concat', [['string', 'string']], 'string', "concat(concat(number,' '),name) eq 'A.01 Office'"),
  fn('year', [['date-or-datetime']], 'int', 'year(updated_at) eq 2026'),
  fn('month', [['date-or-datetime']], 'int', 'month(updated_at) ge 6'),
  fn('day', [['date-or-datetime']], 'int', 'day(updated_at) eq 1'),
  fn('hour', [['time-or-datetime']], 'int', 'hour(updated_at) lt 12'),
  fn('minute', [['time-or-datetime']], 'int', 'minute(updated_at) eq 30'),
  fn('second', [['time-or-datetime']], 'int', 'second(updated_at) eq 0'),
  fn('fractionalseconds', [['time-or-datetime']], 'double', 'fractionalseconds(updated_at) gt 0.5'),
  fn('date', [['datetime']], 'date', 'date(updated_at) eq 2026-05-01'),
  fn('time', [['datetime']], 'time', 'time(updated_at) lt 08:00:00'),
  fn('totaloffsetminutes', [['datetime']], 'int', 'totaloffsetminutes(updated_at) eq 0'),
  fn('now', [[]], 'datetime', 'updated_at le now()'),
  fn('mindatetime', [[]], 'datetime', 'updated_at gt mindatetime()'),
  fn('maxdatetime', [[]], 'datetime', 'updated_at lt maxdatetime()'),
  fn('round', [['number']], 'same', 'round(area) eq 13'),
  fn('floor', [['number']], 'same', 'floor(area) eq 12'),
  fn('ceiling', [['number']], 'same', 'ceiling(area) eq 13'),
];

const BY_NAME = new Map(FUNCTIONS.map((signature) => [signature.name, signature]));

export function findFunction(name: string): FunctionSignature | undefined {
  return BY_NAME.get(name);
}

/**
 * Functions of OData 4.01 that Tessera does not implement: asking for one is a 501 (OData Part 1
 * §9.3.1), not a malformed request.
 */
export const UNSUPPORTED_FUNCTIONS = new Set([
  'matchespattern',
  'totalseconds',
  'cast',
  'isof',
  'has',
  'case',
  'hassubset',
  'hassubsequence',
  'geo.distance',
  'geo.intersects',
  'geo.length',
]);

/** Does a value of type `type` fit an argument declared as `expected`? */
export function fitsArgument(type: ValueType, expected: ArgumentType): boolean {
  if (type === 'null') return true;
  switch (expected) {
    case 'number':
      return type === 'int' || type === 'double';
    case 'date-or-datetime':
      return type === 'date' || type === 'datetime';
    case 'time-or-datetime':
      return type === 'time' || type === 'datetime';
    default:
      return type === expected;
  }
}
