import { HttpException, HttpStatus } from '@nestjs/common';

/** One invalid input, named so that a client can point at the field. */
export interface FieldError {
  /** Dotted path of the field in the request, e.g. `variables.0.value`, or a query parameter. */
  field: string;
  message: string;
  /** The values the field may take, where the rule is a list. */
  allowed?: readonly unknown[];
}

/** An RFC 9457 problem document. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_TYPE_BASE = 'https://itsm.dev/problems/';

/** An error that answers with the given problem document. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDetails) {
    super(problem, problem.status);
  }
}

/** A problem of a given status; `type` is a stable slug that clients may switch on. */
export function problem(
  status: HttpStatus,
  slug: string,
  title: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): ProblemException {
  return new ProblemException({
    type: `${PROBLEM_TYPE_BASE}${slug}`,
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
    ...extensions,
  });
}

/** 400 naming every invalid field at once. */
export function validationProblem(errors: FieldError[]): ProblemException {
  const fields = [...new Set(errors.map((error) => error.field))];
  return problem(
    HttpStatus.BAD_REQUEST,
    'validation',
    'The request is invalid',
    `Invalid field${fields.length === 1 ? '' : 's'}: ${fields.join(', ')}`,
    { errors },
  );
}

/** The generic problem for an HTTP status, used when an error did not describe itself. */
export function problemForStatus(status: number, detail?: string): ProblemDetails {
  const title = (HttpStatus[status] ?? 'ERROR')
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
  const slug = (HttpStatus[status] ?? 'error').toLowerCase().replace(/_/g, '-');
  return { type: `${PROBLEM_TYPE_BASE}${slug}`, title, status, ...(detail ? { detail } : {}) };
}
