import type { EntitySetDefinition } from '../sets/entity-set';

const SIZE = 500;

/**
 * Parsed option values, by set, option and value text: a parser is a pure function of those,
 * so a Power Query refresh sending the same `$filter` for every page parses it once. Keyed by
 * the value, never by the option's spelling (`$FILTER` and `$filter` share an entry: F6).
 * Errors are not cached; they are thrown again on the next request.
 */
export class ParseCache<T> {
  private readonly entries = new Map<string, T>();

  get(set: EntitySetDefinition, text: string, parse: () => T): T {
    const key = `${set.name}\u0000${text}`;
    let value = this.entries.get(key);
    if (value === undefined) {
      value = parse();
      if (this.entries.size >= SIZE) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, value);
    }
    return value;
  }
}
