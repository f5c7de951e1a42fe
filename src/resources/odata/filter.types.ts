import type {
  ArithmeticOperator,
  ComparisonOperator,
  FilterNode,
  LiteralValue,
  Node,
  TestFunction,
  ValueNode,
  ValueType,
} from './filter.ast';
import { isFilterNode, valueTypeOf } from './filter.ast';
import { fitsArgument, FunctionSignature } from './filter.functions';
import type { Token } from './filter.lexer';
import { NotImplemented } from './not-implemented.error';
import { QueryOptionError } from './query-option.error';

export type LiteralNode = Extract<ValueNode, { kind: 'literal' }> & { readonly inexact?: boolean };

const MIRRORED: Record<ComparisonOperator, ComparisonOperator> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
const TESTS = new Set<string>(['contains', 'startswith', 'endswith']);
const MAX_INT = 2_147_483_647;

const NEEDS: Record<ValueType, string> = {
  string: "a string in quotes, e.g. 'Office'",
  int: 'a number, e.g. 3',
  double: 'a number, e.g. 12.5',
  boolean: 'true or false',
  datetime: 'a date, e.g. 2024-05-01 or 2024-05-01T10:00:00Z',
  date: 'a date, e.g. 2024-05-01',
  time: 'a time of day, e.g. 08:30:00',
  null: 'null',
};
const ARGUMENT: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  datetime: 'a date-time',
  'date-or-datetime': 'a date or date-time',
  'time-or-datetime': 'a time or date-time',
};

/** The literal a token spells, or null when it is not a literal (words are fields or keywords). */
export function literalOf(token: Token): LiteralNode | null {
  switch (token.kind) {
    case 'string':
      return { kind: 'literal', type: 'string', value: token.value };
    case 'number':
      return numberLiteral(token);
    case 'datetime':
      return { kind: 'literal', type: 'datetime', value: token.value, ...(token.inexact ? { inexact: true } : {}) };
    case 'date':
      return { kind: 'literal', type: 'date', value: token.value };
    case 'time':
      return { kind: 'literal', type: 'time', value: token.value, ...(token.inexact ? { inexact: true } : {}) };
    default:
      return null;
  }
}

function numberLiteral(token: Token): LiteralNode {
  const value = Number(token.value);
  if (!Number.isFinite(value))
    throw new QueryOptionError('$filter', `the number "${token.value}" at position ${token.position} is out of range`);
  const whole = /^-?\d+$/.test(token.value) && Math.abs(value) <= MAX_INT;
  return { kind: 'literal', type: whole ? 'int' : 'double', value };
}

/**
 * The type rules of `$filter`: what may be compared with what, which arguments a function takes,
 * what arithmetic yields. Literals are checked against the expression they meet, and a date
 * literal meeting a date-time becomes midnight UTC.
 */
export class FilterTypes {
  constructor(private readonly option: string) {}

  comparison(left: Node, op: ComparisonOperator, right: Node, leftToken: Token, rightToken: Token): FilterNode {
    if (isFilterNode(left) || isFilterNode(right)) return this.booleanComparison(left, op, right, rightToken);
    if (left.kind === 'literal' && right.kind !== 'literal') return this.comparison(right, MIRRORED[op], left, rightToken, leftToken);
    const literal = right.kind === 'literal' ? this.fitLiteral(left, right, leftToken, rightToken) : right;
    if (literal.kind !== 'literal') this.checkComparable(left, literal, leftToken);
    return exactComparison(left, op, literal);
  }

  inValue(operand: ValueNode, literal: LiteralNode, token: Token): LiteralValue | undefined {
    const fitted = this.fitLiteral(operand, literal, token, token);
    return (fitted as LiteralNode).inexact ? undefined : fitted.value;
  }

  call(signature: FunctionSignature, args: ValueNode[], token: Token): Node {
    const overload = signature.overloads.find((types) => types.length === args.length);
    if (!overload)
      throw this.fail(
        `${signature.name} takes ${signature.overloads.map((o) => o.length).join(' or ')} argument(s), at position ${token.position}; e.g. ${signature.example}`,
      );
    overload.forEach((expected, i) => {
      if (fitsArgument(valueTypeOf(args[i]), expected)) return;
      const arg = args[i];
      if (i === 0 && arg.kind === 'field' && expected === 'string')
        throw this.fail(`${signature.name} needs a text field; "${arg.field.name}" is ${arg.field.type}`);
      throw this.fail(
        `the ${['first', 'second', 'third'][i]} argument of ${signature.name} must be ${ARGUMENT[expected]}${expected === 'string' ? ' in quotes' : ''}, e.g. ${signature.example}`,
      );
    });
    if (TESTS.has(signature.name)) return { kind: 'test', name: signature.name as TestFunction, args: [args[0], args[1]] };
    const type = signature.returns === 'same' ? (valueTypeOf(args[0]) === 'int' ? 'int' : 'double') : signature.returns;
    return { kind: 'call', name: signature.name, args, type };
  }

  arithmetic(op: ArithmeticOperator, left: ValueNode, right: ValueNode, token: Token): ValueNode {
    const types = [valueTypeOf(left), valueTypeOf(right)];
    if (types.some((t) => t === 'datetime' || t === 'date' || t === 'time')) {
      throw new NotImplemented(
        `${this.option}: arithmetic on dates (durations) is not supported; compare with a date-time literal instead`,
        this.option,
      );
    }
    if (!types.every((t) => t === 'int' || t === 'double' || t === 'null'))
      throw this.fail(`${op} needs numbers on both sides, at position ${token.position}; e.g. area div 2 gt 10`);
    const type = op !== 'divby' && types.every((t) => t === 'int') ? 'int' : 'double';
    return { kind: 'arithmetic', op, left, right, type };
  }

  negate(operand: ValueNode, token: Token): ValueNode {
    const type = valueTypeOf(operand);
    if (type !== 'int' && type !== 'double' && type !== 'null') throw this.fail(`"-" needs a number at position ${token.position}`);
    if (operand.kind === 'literal' && typeof operand.value === 'number') return { ...operand, value: -operand.value };
    return { kind: 'negate', operand, type };
  }

  /** `contains(name,'x') eq true` / `ne false`, as Power Query and other clients write it. */
  private booleanComparison(left: Node, op: ComparisonOperator, right: Node, rightToken: Token): FilterNode {
    const [predicate, other] = isFilterNode(left) ? [left, right] : [right as FilterNode, left];
    if (isFilterNode(other) || other.kind !== 'literal' || typeof other.value !== 'boolean' || (op !== 'eq' && op !== 'ne')) {
      throw this.fail(
        `a condition (such as a string function) can only be compared with true or false using eq or ne, at position ${rightToken.position}`,
      );
    }
    return (op === 'eq') === other.value ? predicate : { kind: 'not', operand: predicate };
  }

  /** The literal as the type of the expression it meets, or a 400 naming both. */
  private fitLiteral(expression: ValueNode, literal: LiteralNode, expressionToken: Token, literalToken: Token): LiteralNode {
    const want = valueTypeOf(expression);
    const have = literal.type;
    if (have === 'null' || want === 'null' || sameClass(want, have)) return literal;
    if (want === 'datetime' && have === 'date') return { kind: 'literal', type: 'datetime', value: `${literal.value}T00:00:00.000Z` };
    const subject = expression.kind === 'field' ? `"${expression.field.name}"` : `the expression at position ${expressionToken.position}`;
    throw this.fail(
      `${subject} is compared with ${describe(literal, literalToken)} at position ${literalToken.position}; it needs ${NEEDS[want]}`,
    );
  }

  private checkComparable(left: ValueNode, right: ValueNode, token: Token): void {
    const [a, b] = [valueTypeOf(left), valueTypeOf(right)];
    if (a === 'null' || b === 'null' || sameClass(a, b)) return;
    throw this.fail(`the two sides of the comparison at position ${token.position} have different types (${a} and ${b})`);
  }

  private fail(message: string): QueryOptionError {
    return new QueryOptionError(this.option, message);
  }
}

function sameClass(a: ValueType, b: ValueType): boolean {
  const numeric = (t: ValueType) => t === 'int' || t === 'double';
  return a === b || (numeric(a) && numeric(b));
}

/**
 * A literal finer than the stored milliseconds (`41.7399Z`, truncated to `.739`) can equal no row:
 * `ge`/`gt` become `> .739`, `le`/`lt` become `<= .739`, `eq` is false and `ne` true.
 */
function exactComparison(left: ValueNode, op: ComparisonOperator, right: ValueNode): FilterNode {
  if (right.kind !== 'literal' || !(right as LiteralNode).inexact) return { kind: 'compare', op, left, right };
  const { kind, type, value } = right;
  const truncated: ValueNode = { kind, type, value };
  if (op === 'eq' || op === 'ne') return { kind: 'constant', value: op === 'ne' };
  return { kind: 'compare', op: op === 'gt' || op === 'ge' ? 'gt' : 'le', left, right: truncated };
}

function describe(literal: LiteralNode, token: Token): string {
  if (literal.type === 'string') return `the string '${String(literal.value).slice(0, 40)}'`;
  const what = { datetime: 'the date', date: 'the date', time: 'the time', boolean: 'the boolean' }[literal.type as string] ?? 'the number';
  return `${what} ${token.value}`;
}
