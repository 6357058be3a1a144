import type { ValidationError } from '@nestjs/common';
import { problem, problemForStatus, validationProblem } from './problem';
import { fieldErrors } from './validation';

describe('problem details', () => {
  it('builds a typed problem with its extensions', () => {
    const conflict = problem(
      409,
      'illegal-transition',
      'The transition is not allowed',
      'New cannot go to Closed',
      {
        currentState: 'new',
        allowedStates: ['in_progress', 'canceled'],
      },
    );
    expect(conflict.getStatus()).toBe(409);
    expect(conflict.problem).toEqual({
      type: 'https://itsm.dev/problems/illegal-transition',
      title: 'The transition is not allowed',
      status: 409,
      detail: 'New cannot go to Closed',
      currentState: 'new',
      allowedStates: ['in_progress', 'canceled'],
    });
  });

  it('names every invalid field once in the detail', () => {
    const invalid = validationProblem([
      { field: 'impact', message: 'impact must be an integer' },
      { field: 'impact', message: 'impact must not be greater than 3' },
      { field: 'urgency', message: 'urgency must be one of: 1, 2, 3', allowed: [1, 2, 3] },
    ]);
    expect(invalid.problem.detail).toBe('Invalid fields: impact, urgency');
    expect(invalid.problem.errors).toHaveLength(3);
  });

  it('titles a bare status from its name', () => {
    expect(problemForStatus(404, 'no such incident')).toEqual({
      type: 'https://itsm.dev/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'no such incident',
    });
  });

  it('flattens nested validation errors into dotted field paths with allowed values', () => {
    const errors: ValidationError[] = [
      { property: 'name', constraints: { isString: 'name must be a string' }, children: [] },
      {
        property: 'variables',
        children: [
          {
            property: '0',
            children: [
              {
                property: 'kind',
                constraints: { isIn: 'kind must be one of: text, number' },
                contexts: { isIn: { allowed: ['text', 'number'] } },
                children: [],
              },
            ],
          },
        ],
      },
    ];
    expect(fieldErrors(errors)).toEqual([
      { field: 'name', message: 'name must be a string' },
      {
        field: 'variables.0.kind',
        message: 'kind must be one of: text, number',
        allowed: ['text', 'number'],
      },
    ]);
  });
});
