import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { validationProblem, type FieldError } from './problem';

/**
 * Validates bodies, queries and parameters against their DTO classes: unknown fields are refused,
 * and the answer names every invalid field with the rule it broke.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationProblem(fieldErrors(errors)),
  });
}

/** Flattens class-validator's nested errors into one entry per broken rule, with dotted paths. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => {
      const allowed = allowedValues(error, rule);
      return allowed ? { field, message, allowed } : { field, message };
    });
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

function allowedValues(error: ValidationError, rule: string): readonly unknown[] | undefined {
  const context = error.contexts?.[rule] as { allowed?: readonly unknown[] } | undefined;
  return context?.allowed;
}
