import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { validationProblem, type FieldError } from './problem';
import { unstorableText } from './storable-text';

/**
 * Validates bodies, queries and parameters: first that their text can be stored at all (no NUL, no
 * unpaired surrogate: the database would answer 500), for every endpoint whatever validates it
 * next; then against their DTO classes: unknown fields are refused, and the answer names every
 * invalid field with the rule it broke.
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationProblem(fieldErrors(errors)),
  });
}

class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Custom parameters (the caller) come from the token, not from the request's text.
    if (metadata.type !== 'custom') {
      const refused = unstorableText(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (refused.length > 0) throw validationProblem(refused);
    }
    // A DTO body may be left out when all its fields may, but what is sent must be an object.
    const dto = metadata.metatype && !BUILT_IN.has(metadata.metatype);
    if (metadata.type === 'body' && dto && value !== undefined && !isObject(value)) {
      throw validationProblem([{ field: 'body', message: 'the body must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

const BUILT_IN = new Set<unknown>([Object, String, Number, Boolean, Array]);

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
