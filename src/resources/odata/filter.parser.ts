import type { EntitySetDefinition } from '../sets/entity-set';
import { findNavigation } from '../sets';
import { ArithmeticOperator, ComparisonOperator, FilterNode, isFilterNode, LiteralValue, Node, ValueNode } from './filter.ast';
import { findFunction, UNSUPPORTED_FUNCTIONS } from './filter.functions';
import { Token, tokenize } from './filter.lexer';
import { FilterTypes, literalOf } from './filter.types';
import { NotImplemented } from './not-implemented.error';
import { QueryOptionError } from './query-option.error';

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const ADDITIVE = new Set<string>(['add', 'sub']);
const MULTIPLICATIVE = new Set<string>(['mul', 'div', 'divby', 'mod']);
const MAX_DEPTH = 64;
const MAX_IN_VALUES = 1000;
const MAX_LAMBDA_DEPTH = 2;
const EXAMPLE = "e.g. $filter=floor ge 2 and contains(name,'Office')";

/** One lambda variable in scope: its name and the set its fields come from. */
interface Scope {
  readonly variable: string | null;
  readonly set: EntitySetDefinition;
}

/**
 * Parses `$filter` (OData 4.01 Part 2 §5.1.1) into a typed tree, with the ABNF's precedence:
 * `or`, `and`, `not`, comparisons (`eq … le`, `in`), `add sub`, `mul div divby mod`, unary minus,
 * then literals, fields, `$it/…`, lambda paths (`occurrences/any(o: o/quantity gt 5)`), canonical
 * functions and parentheses. Every expression is type-checked against the declarations; anything
 * malformed is a 400 naming the bad part, a feature OData has and Tessera does not is a 501.
 */
export function parseFilter(text: string, set: EntitySetDefinition, option = '$filter'): FilterNode {
  return new FilterParser(tokenize(text), set, option).parseAll();
}

class FilterParser {
  private index = 0;
  private depth = 0;
  private readonly scopes: Scope[];
  private readonly types: FilterTypes;

  constructor(
    private readonly tokens: Token[],
    private readonly set: EntitySetDefinition,
    private readonly option: string,
  ) {
    this.scopes = [{ variable: null, set }];
    this.types = new FilterTypes(option);
  }

  parseAll(): FilterNode {
    if (this.peek().kind === 'end') throw this.fail('the expression is empty; ' + EXAMPLE);
    const node = this.predicate(this.parseOr(), this.tokens[0]);
    const rest = this.peek();
    if (rest.kind !== 'end') throw this.fail(`unexpected "${rest.value}" at position ${rest.position}; combine conditions with and / or`);
    return node;
  }

  private parseOr(): Node {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      const token = this.next();
      left = { kind: 'or', left: this.predicate(left, token), right: this.predicate(this.parseAnd(), token) };
    }
    return left;
  }

  private parseAnd(): Node {
    let left = this.parseNot();
    while (this.isWord('and')) {
      const token = this.next();
      left = { kind: 'and', left: this.predicate(left, token), right: this.predicate(this.parseNot(), token) };
    }
    return left;
  }

  private parseNot(): Node {
    if (!this.isWord('not')) return this.parseComparison();
    const token = this.next();
    return this.nested(() => ({ kind: 'not', operand: this.predicate(this.parseNot(), token) }));
  }

  private parseComparison(): Node {
    const start = this.peek();
    const left = this.parseAdditive();
    const operator = this.peek();
    if (operator.kind === 'word' && operator.value === 'in') {
      this.index++;
      return this.parseIn(this.value(left, start));
    }
    if (operator.kind === 'word' && operator.value === 'has')
      throw new NotImplemented(`${this.option}: the "has" operator is not supported (Tessera declares no enumerations)`, this.option);
    if (operator.kind !== 'word' || !COMPARISONS.has(operator.value)) return left;
    this.index++;
    const rightStart = this.peek();
    const right = this.parseAdditive();
    return this.types.comparison(left, operator.value as ComparisonOperator, right, start, rightStart);
  }

  private parseAdditive(): Node {
    return this.binary(ADDITIVE, () => this.parseMultiplicative());
  }

  private parseMultiplicative(): Node {
    return this.binary(MULTIPLICATIVE, () => this.parseUnary());
  }

  private binary(operators: ReadonlySet<string>, operand: () => Node): Node {
    const start = this.peek();
    let left = operand();
    while (this.peek().kind === 'word' && operators.has(this.peek().value)) {
      const op = this.next().value as ArithmeticOperator;
      const rightStart = this.peek();
      left = this.types.arithmetic(op, this.value(left, start), this.value(operand(), rightStart), start);
    }
    return left;
  }

  private parseUnary(): Node {
    if (this.peek().kind !== 'minus') return this.parsePrimary();
    const token = this.next();
    return this.nested(() => this.types.negate(this.value(this.parseUnary(), token), token));
  }

  private parsePrimary(): Node {
    const token = this.peek();
    if (token.kind === 'open') {
      this.index++;
      const node = this.nested(() => this.parseOr());
      this.expect('close', `a ")" to close the "(" at position ${token.position}`);
      return node;
    }
    if (token.kind === 'word' && this.tokens[this.index + 1]?.kind === 'open') return this.parseCall();
    if (token.kind === 'word') return this.parsePath();
    this.index++;
    if (token.kind === 'end') throw this.fail('the expression ended where a field or value was expected');
    const literal = literalOf(token);
    if (!literal) throw this.fail(`expected a field or a value at position ${token.position}, found "${token.value}"`);
    return literal;
  }

  private parseCall(): Node {
    const token = this.next();
    const name = token.value;
    const signature = findFunction(name);
    if (!signature) {
      if (UNSUPPORTED_FUNCTIONS.has(name.toLowerCase()))
        throw new NotImplemented(`${this.option}: the function ${name} is not supported`, this.option);
      throw this.fail(`unknown function "${name}" at position ${token.position}; see docs/resources.md for the functions $filter supports`);
    }
    this.expect('open', '"("');
    const args: ValueNode[] = [];
    if (this.peek().kind !== 'close') {
      do {
        const start = this.peek();
        args.push(
          this.value(
            this.nested(() => this.parseOr()),
            start,
          ),
        );
      } while (this.accept('comma'));
    }
    this.expect('close', `")" to close ${name}(…)`);
    return this.types.call(signature, args, token);
  }

  /** `field`, `$it/field`, `o/field` (a lambda variable), `occurrences/any(…)`, `o/occurrences/all(…)`. */
  private parsePath(): Node {
    const token = this.next();
    let scope = 0;
    if (token.value === '$it') scope = 0;
    else if (this.scopes.some((s) => s.variable === token.value)) scope = this.scopes.findIndex((s) => s.variable === token.value);
    else return this.member(0, token);
    this.expect('slash', `"/" and a field after ${token.value}`);
    return this.member(scope, this.next());
  }

  private member(scope: number, token: Token): Node {
    const set = this.scopes[scope].set;
    if (token.kind !== 'word') throw this.fail(`expected a field name at position ${token.position}`);
    if (token.value === 'null') return { kind: 'literal', type: 'null', value: null };
    if (token.value === 'true' || token.value === 'false') return { kind: 'literal', type: 'boolean', value: token.value === 'true' };
    const navigation = findNavigation(set, token.value);
    if (navigation) return this.parseNavigation(scope, navigation, token);
    const field = set.byName.get(token.value);
    if (!field)
      throw this.fail(
        `unknown field "${token.value}" at position ${token.position}; ${set.name} has ${set.fields
          .filter((f) => f.filterable)
          .map((f) => f.name)
          .join(', ')}`,
      );
    if (!field.filterable) throw this.fail(`"${field.name}" cannot be filtered on`);
    return { kind: 'field', field, scope };
  }

  private parseNavigation(scope: number, navigation: NonNullable<ReturnType<typeof findNavigation>>, token: Token): Node {
    this.expect('slash', `"/any(…)" or "/all(…)" after the navigation property ${navigation.name}`);
    const operator = this.next();
    if (!navigation.collection)
      throw new NotImplemented(
        `${this.option}: paths through the single-valued ${navigation.name} are not supported; filter ${navigation.target.name} instead`,
        this.option,
      );
    if (operator.kind !== 'word' || (operator.value !== 'any' && operator.value !== 'all')) {
      throw this.fail(
        `expected any or all after ${navigation.name}/ at position ${operator.position}, e.g. ${navigation.name}/any(x: x/id gt 0)`,
      );
    }
    if (this.scopes.length > MAX_LAMBDA_DEPTH)
      throw this.fail(`lambdas are nested more than ${MAX_LAMBDA_DEPTH} deep at position ${token.position}`);
    this.expect('open', `"(" after ${operator.value}`);
    const op = operator.value;
    if (op === 'any' && this.accept('close')) return { kind: 'lambda', op, navigation, scope, predicate: null };
    return this.parseLambdaBody(op, scope, navigation);
  }

  private parseLambdaBody(op: 'any' | 'all', scope: number, navigation: NonNullable<ReturnType<typeof findNavigation>>): FilterNode {
    const variable = this.next();
    if (variable.kind !== 'word' || variable.value.startsWith('$') || this.scopes.some((s) => s.variable === variable.value)) {
      throw this.fail(`expected a new variable name at position ${variable.position}, e.g. ${navigation.name}/${op}(x: x/id gt 0)`);
    }
    this.expect('colon', `":" after the lambda variable ${variable.value}`);
    this.scopes.push({ variable: variable.value, set: navigation.target });
    try {
      const start = this.peek();
      const predicate = this.predicate(
        this.nested(() => this.parseOr()),
        start,
      );
      this.expect('close', `")" to close ${navigation.name}/${op}(…)`);
      return { kind: 'lambda', op, navigation, scope, predicate };
    } finally {
      this.scopes.pop();
    }
  }

  private parseIn(operand: ValueNode): FilterNode {
    this.expect('open', `"(" after in, e.g. status in ('planned','approved')`);
    const values: LiteralValue[] = [];
    do {
      const token = this.next();
      const literal = literalOf(token) ?? this.wordLiteral(token);
      const fitted = this.types.inValue(operand, literal, token);
      if (fitted !== undefined) values.push(fitted);
      if (values.length > MAX_IN_VALUES) throw this.fail(`"in (…)" takes at most ${MAX_IN_VALUES} values`);
    } while (this.accept('comma'));
    this.expect('close', `")" to close the in list`);
    return { kind: 'in', operand, values };
  }

  private wordLiteral(token: Token): Extract<ValueNode, { kind: 'literal' }> {
    if (token.kind === 'word' && token.value === 'null') return { kind: 'literal', type: 'null', value: null };
    if (token.kind === 'word' && (token.value === 'true' || token.value === 'false'))
      return { kind: 'literal', type: 'boolean', value: token.value === 'true' };
    throw this.fail(`"in (…)" takes literals only, found "${token.value}" at position ${token.position}`);
  }

  /** A node where a condition is needed: a predicate, or a boolean literal. */
  private predicate(node: Node, at: Token): FilterNode {
    if (isFilterNode(node)) return node;
    if (node.kind === 'literal' && typeof node.value === 'boolean') return { kind: 'constant', value: node.value };
    const next = this.peek();
    const after =
      at.kind === 'word' || at.kind === 'string' || at.kind === 'number' ? `"${at.value}"` : `the expression at position ${at.position}`;
    throw this.fail(
      `expected eq, ne, gt, ge, lt, le or in after ${after} at position ${next.position}${next.kind === 'end' ? ' (the expression ended)' : `, found "${next.value}"`}`,
    );
  }

  /** A node where a value is needed (an operand of a function, operator or `in`). */
  private value(node: Node, at: Token): ValueNode {
    if (!isFilterNode(node)) return node;
    throw this.fail(
      `a condition cannot be used as a value at position ${at.position}; compare fields and values with eq, ne, gt, ge, lt, le`,
    );
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw this.fail(`the expression is nested more than ${MAX_DEPTH} levels deep`);
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
    if (token.kind !== kind)
      throw this.fail(
        `expected ${what} at position ${token.position}${token.kind === 'end' ? ' (the expression ended)' : `, found "${token.value}"`}`,
      );
    this.index++;
  }

  private fail(message: string): QueryOptionError {
    return new QueryOptionError(this.option, message);
  }
}
