import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out but is never null (unlike `@IsOptional`, which lets null through):
 * for values a record cannot be without, such as a label or a bound.
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
