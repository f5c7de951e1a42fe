import { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column builders shared by the migrations so one migration runs on SQLite and MySQL/MariaDB.
 * Strings compare case-sensitively and sort in code-point order on both (docs/decisions.md), so MySQL
 * text columns get the binary collation; SQLite's default collation is already binary.
 */
export class ColumnKinds {
  constructor(private readonly runner: QueryRunner) {}

  private get isMysql(): boolean {
    return this.runner.connection.options.type === 'mysql';
  }

  string(name: string, length: number, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'varchar', length: String(length), ...this.binary(), ...options };
  }

  text(name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'text', ...this.binary(), ...options };
  }

  id(name: string): TableColumnOptions {
    return this.string(name, 36, { isPrimary: true });
  }

  autoIncrement(name: string): TableColumnOptions {
    return { name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
  }

  integer(name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'integer', ...options };
  }

  double(name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: this.isMysql ? 'double' : 'real', ...options };
  }

  boolean(name: string, defaultValue: boolean): TableColumnOptions {
    return { name, type: 'boolean', default: defaultValue ? 1 : 0 };
  }

  timestamp(name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'datetime', precision: this.isMysql ? 3 : undefined, ...options };
  }

  private binary(): Partial<TableColumnOptions> {
    return this.isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
  }
}
