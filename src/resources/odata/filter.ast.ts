import type { FieldDefinition } from '../sets/entity-set';
import type { NavigationDefinition } from '../sets/navigation';

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type ArithmeticOperator = 'add' | 'sub' | 'mul' | 'div' | 'divby' | 'mod';
/** The canonical functions that answer true or false. */
export type TestFunction = 'contains' | 'startswith' | 'endswith';

/** What an expression evaluates to: a field type, OData's `Edm.Date` / `Edm.TimeOfDay`, or the null literal. */
export type ValueType = 'string' | 'int' | 'double' | 'boolean' | 'datetime' | 'date' | 'time' | 'null';

/** A literal's value: text, a number, a boolean, a date as ISO text, or OData's `null`. */
export type LiteralValue = string | number | boolean | null;

/**
 * An expression with a value. `scope` says whose field it is: 0 the entity being filtered,
 * 1 the variable of the innermost-but-one lambda, and so on (the variable's name is not kept,
 * so `o/quantity` and `x/quantity` parse alike).
 */
export type ValueNode =
  | { readonly kind: 'field'; readonly field: FieldDefinition; readonly scope: number }
  | { readonly kind: 'literal'; readonly type: ValueType; readonly value: LiteralValue }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly ValueNode[]; readonly type: ValueType }
  | {
      readonly kind: 'arithmetic';
      readonly op: ArithmeticOperator;
      readonly left: ValueNode;
      readonly right: ValueNode;
      readonly type: ValueType;
    }
  | { readonly kind: 'negate'; readonly operand: ValueNode; readonly type: ValueType };

/** A predicate: always true or false for a row (OData's two-valued null logic), never unknown. */
export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | { readonly kind: 'constant'; readonly value: boolean }
  | { readonly kind: 'compare'; readonly op: ComparisonOperator; readonly left: ValueNode; readonly right: ValueNode }
  | { readonly kind: 'in'; readonly operand: ValueNode; readonly values: readonly LiteralValue[] }
  | { readonly kind: 'test'; readonly name: TestFunction; readonly args: readonly [ValueNode, ValueNode] }
  | {
      readonly kind: 'lambda';
      readonly op: 'any' | 'all';
      readonly navigation: NavigationDefinition;
      readonly scope: number;
      readonly predicate: FilterNode | null;
    };

export type Node = ValueNode | FilterNode;

export function isFilterNode(node: Node): node is FilterNode {
  return ['and', 'or', 'not', 'constant', 'compare', 'in', 'test', 'lambda'].includes(node.kind);
}

export function valueTypeOf(node: ValueNode): ValueType {
  return node.kind === 'field' ? node.field.type : node.type;
}

/** Can the expression be null for some row? (Over-approximated: division may be by zero.) */
export function isNullable(node: ValueNode): boolean {
  switch (node.kind) {
    case 'field':
      return node.field.nullable;
    case 'literal':
      return node.value === null;
    case 'call':
      return node.args.some(isNullable);
    case 'negate':
      return isNullable(node.operand);
    case 'arithmetic':
      return node.op === 'div' || node.op === 'divby' || node.op === 'mod' || isNullable(node.left) || isNullable(node.right);
  }
}
