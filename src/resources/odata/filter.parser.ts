import type { EntitySetDefinition, FieldDefinition } from '../sets/entity-set';
import { ComparisonOperator, FilterNode, LiteralValue, StringFunction } from './filter.ast';
import { Token, tokenize } from './filter.lexer';
import { QueryOptionError } from './query-option.error';

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set<string>(['contains', 'startswith', 'endswith']);
const MIRRORED: Record<ComparisonOperator, ComparisonOperator> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
const MAX_DEPTH = 64;
const MAX_IN_VALUES = 1000;
const EXAMPLE = "e.g. $filter=floor ge 2 and contains(name,'Office')";

type Operand = { kind: 'field'; field: FieldDefinition; token: Token } | { kind: 'literal'; value: LiteralValue; token: Token };

/**
 * Parses `$filter` (DESIGN §6) into a typed tree: `or` binds loosest, then `and`, then `not`;
 * comparisons, `in (…)` and the string functions compare one declared, filterable field with
 * literals of its type. Anything else is a 400 naming the bad part.
 */
export function parseFilter(text: string, set: EntitySetDefinition): FilterNode {
  const parser = new FilterParser(tokenize(text), set);
  return parser.parseAll();
}

class FilterParser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[], private readonly set: EntitySetDefinition) {}

  parseAll(): FilterNode {
    if (this.peek().kind === 'end') throw fail('the expression is empty; ' + EXAMPLE);
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== 'end') throw fail(`unexpected "${rest.value}" at position ${rest.position}; combine conditions with and / or`);
    return node;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.index++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseNot();
    while (this.isWord('and')) {
      this.index++;
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): FilterNode {
    if (!this.isWord('not')) return this.parsePrimary();
    this.index++;
    return this.nested(() => ({ kind: 'not', operand: this.parseNot() }));
  }

  private parsePrimary(): FilterNode {
    const token = this.peek();
    if (token.kind === 'open') {
      this.index++;
      const node = this.nested(() => this.parseOr());
      this.expect('close', `a ")" to close the "(" at position ${token.position}`);
      return node;
    }
    if (token.kind === 'word' && FUNCTIONS.has(token.value) && this.tokens[this.index + 1]?.kind === 'open') return this.comparedWithBoolean(this.parseFunction());
    return this.parseComparison();
  }

  /** `contains(name,'x') eq true` / `ne false` (as Power Query and other clients write it). */
  private comparedWithBoolean(node: FilterNode): FilterNode {
    if (!this.isWord('eq') && !this.isWord('ne')) return node;
    const operator = this.next().value;
    const literal = this.next();
    if (literal.kind !== 'word' || (literal.value !== 'true' && literal.value !== 'false')) {
      throw fail(`a string function can only be compared with true or false, at position ${literal.position}`);
    }
    return (operator === 'eq') === (literal.value === 'true') ? node : { kind: 'not', operand: node };
  }

  private parseFunction(): FilterNode {
    const name = this.next().value as StringFunction;
    this.expect('open', '"("');
    const target = this.parseOperand();
    this.expect('comma', `"," between the arguments of ${name}`);
    const argument = this.parseOperand();
    this.expect('close', `")" to close ${name}(…)`);
    if (target.kind !== 'field' || argument.kind !== 'literal') {
      throw fail(`${name} takes a field and a string, e.g. ${name}(name,'Office')`);
    }
    if (target.field.type !== 'string') throw fail(`${name} needs a text field; "${target.field.name}" is ${target.field.type}`);
    if (typeof argument.value !== 'string') throw fail(`the second argument of ${name} must be a string in quotes, e.g. ${name}(name,'Office')`);
    return { kind: 'function', name, field: target.field, value: argument.value };
  }

  private parseComparison(): FilterNode {
    const left = this.parseOperand();
    const operator = this.peek();
    if (operator.kind === 'word' && operator.value === 'in') {
      this.index++;
      return this.parseIn(left);
    }
    if (operator.kind !== 'word' || !COMPARISONS.has(operator.value)) {
      throw fail(`expected eq, ne, gt, ge, lt, le or in after "${left.token.value}" at position ${operator.position}${operator.kind === 'end' ? ' (the expression ended)' : `, found "${operator.value}"`}`);
    }
    this.index++;
    const right = this.parseOperand();
    return this.comparison(left, operator.value as ComparisonOperator, right);
  }

  private comparison(left: Operand, op: ComparisonOperator, right: Operand): FilterNode {
    if (left.kind === 'field' && right.kind === 'literal') return { kind: 'compare', op, field: left.field, value: checkType(left.field, right) };
    if (left.kind === 'literal' && right.kind === 'field') return { kind: 'compare', op: MIRRORED[op], field: right.field, value: checkType(right.field, left) };
    throw fail(`a comparison needs one field and one literal, at position ${left.token.position}; ${EXAMPLE}`);
  }

  private parseIn(left: Operand): FilterNode {
    if (left.kind !== 'field') throw fail(`"in" needs a field on its left, at position ${left.token.position}; e.g. status in ('planned','approved')`);
    this.expect('open', `"(" after in, e.g. status in ('planned','approved')`);
    const values: LiteralValue[] = [];
    do {
      const operand = this.parseOperand();
      if (operand.kind !== 'literal') throw fail(`"in (…)" takes literals only, found field "${operand.token.value}"`);
      values.push(checkType(left.field, operand));
      if (values.length > MAX_IN_VALUES) throw fail(`"in (…)" takes at most ${MAX_IN_VALUES} values`);
    } while (this.accept('comma'));
    this.expect('close', `")" to close the in list`);
    return { kind: 'in', field: left.field, values };
  }

  private parseOperand(): Operand {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'literal', value: token.value, token };
      case 'number':
        return { kind: 'literal', value: parseNumber(token), token };
      case 'datetime':
        return { kind: 'literal', value: token.value, token: { ...token, kind: 'datetime' } };
      case 'word':
        return this.wordOperand(token);
      default:
        throw fail(token.kind === 'end' ? 'the expression ended where a field or value was expected' : `expected a field or a value at position ${token.position}, found "${token.value}"`);
    }
  }

  private wordOperand(token: Token): Operand {
    if (token.value === 'null') return { kind: 'literal', value: null, token };
    if (token.value === 'true' || token.value === 'false') return { kind: 'literal', value: token.value === 'true', token };
    const field = this.set.byName.get(token.value);
    if (!field) throw fail(`unknown field "${token.value}" at position ${token.position}; ${this.set.name} has ${this.set.fields.filter((f) => f.filterable).map((f) => f.name).join(', ')}`);
    if (!field.filterable) throw fail(`"${field.name}" cannot be filtered on`);
    return { kind: 'field', field, token };
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw fail(`the expression is nested more than ${MAX_DEPTH} levels deep`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.value === word;
  }

  private accept(kind: Token['kind']): boolean {
    if (this.peek().kind !== kind) return false;
    this.index++;
    return true;
  }

  private expect(kind: Token['kind'], what: string): void {
    const token = this.peek();
    if (token.kind !== kind) throw fail(`expected ${what} at position ${token.position}${token.kind === 'end' ? ' (the expression ended)' : `, found "${token.value}"`}`);
    this.index++;
  }
}

function parseNumber(token: Token): number {
  const value = Number(token.value);
  if (!Number.isFinite(value)) throw fail(`the number "${token.value}" at position ${token.position} is out of range`);
  return value;
}

const LITERAL_KIND: Record<FieldDefinition['type'], string> = {
  string: 'string', int: 'number', double: 'number', boolean: 'boolean', datetime: 'datetime',
};
const LITERAL_EXAMPLE: Record<FieldDefinition['type'], string> = {
  string: "a string in quotes, e.g. 'Office'", int: 'a number, e.g. 3', double: 'a number, e.g. 12.5',
  boolean: 'true or false', datetime: 'a date, e.g. 2024-05-01 or 2024-05-01T10:00:00Z',
};

/** The literal's value when it fits the field's type (null fits every field). */
function checkType(field: FieldDefinition, operand: Extract<Operand, { kind: 'literal' }>): LiteralValue {
  if (operand.value === null) return null;
  const kind = operand.token.kind === 'datetime' ? 'datetime' : typeof operand.value;
  if (kind !== LITERAL_KIND[field.type]) {
    throw fail(`"${field.name}" is compared with ${describe(operand)} at position ${operand.token.position}; it needs ${LITERAL_EXAMPLE[field.type]}`);
  }
  return operand.value;
}

function describe(operand: Extract<Operand, { kind: 'literal' }>): string {
  if (operand.token.kind === 'string') return `the string '${operand.token.value.slice(0, 40)}'`;
  return `${operand.token.kind === 'datetime' ? 'the date' : typeof operand.value === 'boolean' ? 'the boolean' : 'the number'} ${operand.token.value}`;
}

function fail(message: string): QueryOptionError {
  return new QueryOptionError('$filter', message);
}
