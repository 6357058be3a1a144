import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { CHANGE_STATES } from '@itsm/contracts';
import { DECISIONS } from '../approvals/domain/approval-policy';
import { ConflictResponse } from '../conflicts/conflict.response';

/**
 * The 409 of PATCH and transitions, declared with the members their problems carry (it replaces
 * the plain 409 of `ApiVersionedChange`, so it is applied above it; the descriptions are joined).
 */
export function ApiChangeConflict() {
  return applyDecorators(
    ApiExtraModels(ConflictResponse),
    ApiResponse({
      status: HttpStatus.CONFLICT,
      description:
        '`change-conflict` lists the `conflicts` (as GET /changes/{id}/conflicts) and whether the ' +
        'CMDB had answered (`footprintPending`); a change manager may go ahead with `override.reason`. ' +
        '`change-scope-frozen` and `change-window-frozen` name the `fields` refused. ' +
        '`unknown-cis` (transitions into Assess, Authorize or Scheduled): the CMDB’s answer for the ' +
        'change’s CIs names `unknownCiIds` it does not know; remove them from `affectedCiIds` first',
      content: {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Problem' },
              {
                type: 'object',
                properties: {
                  currentState: { type: 'string', enum: [...CHANGE_STATES] },
                  requestedState: {
                    type: 'string',
                    enum: [...CHANGE_STATES],
                    description:
                      '`illegal-transition`, `change-incomplete`, `unknown-cis`: the state asked for',
                  },
                  allowedNextStates: {
                    type: 'array',
                    items: { type: 'string', enum: [...CHANGE_STATES] },
                    description: '`illegal-transition`, `change-ended`: where the change may move',
                  },
                  approval: {
                    type: 'string',
                    enum: ['requested', ...DECISIONS],
                    description: '`approval-required`: where its approval stands',
                  },
                  currentVersion: {
                    type: 'integer',
                    description: '`stale-version`: the version to read again',
                  },
                  conflicts: {
                    type: 'array',
                    description: '`change-conflict`: what the change meets in its window',
                    items: { $ref: getSchemaPath(ConflictResponse) },
                  },
                  footprintPending: {
                    type: 'boolean',
                    description:
                      '`change-conflict`: the CMDB had not answered for its CIs: only they were checked',
                  },
                  fields: {
                    type: 'array',
                    items: { type: 'string' },
                    description:
                      '`change-scope-frozen`, `change-window-frozen`, `unknown-cis`: the fields refused',
                  },
                  affectedCiIds: {
                    type: 'array',
                    items: { type: 'string', format: 'uuid' },
                    description: '`unknown-cis`: the CIs the change names',
                  },
                  unknownCiIds: {
                    type: 'array',
                    items: { type: 'string', format: 'uuid' },
                    description: '`unknown-cis`: those the CMDB does not know',
                  },
                },
              },
            ],
          },
        },
      },
    }),
  );
}
