import { ValidateIf } from 'class-validator';

/**
 * The field may be left out of the body, but when it is there, `null` included, it must pass the
 * field's other validators. class-validator's `@IsOptional()` also skips them for `null`, which let
 * `{"disabled": null}` reach a NOT NULL column (a 500) and `{"username": null}` be read as the name
 * "null" (review of 4 December, F3). `@IsOptional()` stays only on fields whose `null` means
 * something (documented `nullable` in OpenAPI: clear the value).
 */
export const IsOmittable = () => ValidateIf((_object, value) => value !== undefined);
