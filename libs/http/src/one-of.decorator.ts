import { IsIn } from 'class-validator';

/** Like `@IsIn`, but the problem answer lists the allowed values in `allowed`. */
export function OneOf(values: readonly unknown[]): PropertyDecorator {
  return IsIn(values as unknown[], {
    message: ({ property }) => `${property} must be one of: ${values.join(', ')}`,
    context: { allowed: values },
  });
}
