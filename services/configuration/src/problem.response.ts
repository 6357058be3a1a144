import { ApiResponse } from '@nestjs/swagger';

/** Declares a problem+json answer of one operation besides those every operation declares. */
export const ApiProblem = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });
