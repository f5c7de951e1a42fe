import { Column, ColumnOptions, ValueTransformer } from 'typeorm';

/** A `datetime` column (millisecond precision on MySQL, UTC text on SQLite). */
export const TimestampColumn = (name: string, options: ColumnOptions = {}) => Column({ name, type: 'datetime', precision: 3, ...options });

const scopeList: ValueTransformer = {
  to: (value: string[] | undefined) => (value === undefined ? undefined : value.join(' ')),
  from: (value: string | null) => (value ? value.split(' ').filter(Boolean) : []),
};

/** Scopes kept as one space-separated column and read back as a list. */
export const ScopeListColumn = (name = 'scopes') => Column({ name, type: 'varchar', length: 1000, transformer: scopeList });

const jsonList: ValueTransformer = {
  to: (value: string[] | undefined) => (value === undefined ? undefined : JSON.stringify(value)),
  from: (value: string | null) => (value ? (JSON.parse(value) as string[]) : []),
};

/** A list of strings kept as JSON text (redirect URIs may contain spaces or commas). */
export const JsonListColumn = (name: string) => Column({ name, type: 'text', transformer: jsonList });

const booleanTransformer: ValueTransformer = {
  to: (value: boolean | undefined) => value,
  from: (value: unknown) => value === true || value === 1 || value === '1',
};

/** A boolean column read back as a boolean on both drivers (MySQL returns tinyint). */
export const BooleanColumn = (name: string, options: ColumnOptions = {}) =>
  Column({ name, type: 'boolean', transformer: booleanTransformer, ...options });
