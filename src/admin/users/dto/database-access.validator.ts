import { registerDecorator, ValidationOptions } from 'class-validator';

const DATABASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `database_access`: an object mapping database ids to `read` or `write`. */
export function IsDatabaseAccessMap(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDatabaseAccessMap',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an object like { "01": "read", "02": "write" }`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(([id, level]) => DATABASE_ID.test(id) && (level === 'read' || level === 'write')),
      },
    });
}
