import type { EntitySetDefinition } from '../sets/entity-set';
import type { FilterNode, ValueNode } from './filter.ast';
import { QueryOptionError } from './query-option.error';

const MAX_TERMS = 20;
/** As for `$filter`: parentheses nest at most this deep (a deeper tree exceeds SQLite's expression depth). */
const MAX_DEPTH = 64;
const TOKEN = /\s*(\(|\)|"((?:[^"\\]|\\.)*)"|[^\s()"]+)/y;

/**
 * Parses `$search` (OData 4.01 Part 2 §5.1.7): words and "quoted phrases", `AND` (also implied by
 * a space), `OR`, `NOT`, parentheses. A term matches an entity when any of its text fields contains
 * it, ignoring case (search is for people typing; `$filter` stays exact). It becomes a filter tree,
 * so it compiles, caches and combines with `$filter` like one.
 */
export function parseSearch(text: string, set: EntitySetDefinition): FilterNode {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw fail('the search is empty; e.g. $search=office OR "meeting room"');
  const parser = new SearchParser(tokens, set);
  const node = parser.parseOr();
  if (parser.remaining()) throw fail(`unexpected "${tokens[parser.position]}"`);
  return node;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (match = TOKEN.exec(text))) {
    tokens.push(match[2] !== undefined ? `"${match[2].replace(/\\(.)/g, '$1')}` : match[1]);
  }
  if (text.slice(TOKEN.lastIndex).trim() !== '') throw fail('a phrase is not closed with "');
  if (tokens.filter((t) => !['AND', 'OR', 'NOT', '(', ')'].includes(t)).length > MAX_TERMS) throw fail(`at most ${MAX_TERMS} terms`);
  return tokens;
}

class SearchParser {
  position = 0;
  private depth = 0;

  constructor(
    private readonly tokens: string[],
    private readonly set: EntitySetDefinition,
  ) {}

  remaining(): boolean {
    return this.position < this.tokens.length;
  }

  parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.tokens[this.position] === 'OR') {
      this.position++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseNot();
    while (this.remaining() && this.tokens[this.position] !== 'OR' && this.tokens[this.position] !== ')') {
      if (this.tokens[this.position] === 'AND') this.position++;
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): FilterNode {
    if (this.tokens[this.position] !== 'NOT') return this.parsePrimary();
    this.position++;
    return { kind: 'not', operand: this.parsePrimary() };
  }

  private parsePrimary(): FilterNode {
    const token = this.tokens[this.position++];
    if (token === undefined) throw fail('the search ended where a term was expected');
    if (token === '(') {
      if (++this.depth > MAX_DEPTH) throw fail(`the search is nested more than ${MAX_DEPTH} levels deep`);
      const node = this.parseOr();
      if (this.tokens[this.position++] !== ')') throw fail('a "(" is not closed');
      this.depth--;
      return node;
    }
    if (['AND', 'OR', 'NOT', ')'].includes(token)) throw fail(`"${token}" where a term was expected`);
    return this.term(token.startsWith('"') ? token.slice(1) : token);
  }

  /** Any text field contains the term, ignoring case. */
  private term(text: string): FilterNode {
    const fields = this.set.fields.filter((field) => field.type === 'string' && field.filterable);
    const lower: ValueNode = { kind: 'literal', type: 'string', value: text.toLowerCase() };
    return fields
      .map((field): FilterNode => ({
        kind: 'test',
        name: 'contains',
        args: [{ kind: 'call', name: 'tolower', args: [{ kind: 'field', field, scope: 0 }], type: 'string' }, lower],
      }))
      .reduce((left, right) => ({ kind: 'or', left, right }));
  }
}

function fail(message: string): QueryOptionError {
  return new QueryOptionError('$search', message);
}
