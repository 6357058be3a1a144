import { ApiResponse } from '@nestjs/swagger';

/** A problem+json answer (RFC 9457), as `declareCommonErrors` declares its own. */
export const PROBLEM_CONTENT = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

/** The `ETag` an answer carrying one record's `version` has (`AnswersWithETag`). */
export const ETAG_HEADER = {
  ETag: { description: "The record's version, for the next If-Match", schema: { type: 'string' } },
};

/** Declares a problem answer of one operation besides those every operation declares. */
export const ApiProblem = (status: number, description: string) =>
  ApiResponse({ status, description, content: PROBLEM_CONTENT });
