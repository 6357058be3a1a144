import { Body, Controller, Headers, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  answerCreated,
  ApiIdempotentCreate,
  checkedIdempotencyKey,
  ParseIdPipe,
  problem,
} from '@itsm/http';
import { DataSource } from 'typeorm';
import { DEPLOYERS } from '../access';
import { gateDecision } from './domain/gate-decision';
import { DeploymentRequest, GateRequest } from './deployment-gate.dto';
import {
  DeploymentResponse,
  GATE_REFUSAL_SCHEMA,
  GateAllowedResponse,
  NOT_IMPLEMENTING_SCHEMA,
} from './deployment-gate.response';
import { gateInputs } from './gate-inputs';
import { RecordDeployment } from './use-cases/record-deployment';

@ApiTags('deployment gate')
@Controller('api/v1')
export class DeploymentGateController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recordDeployment: RecordDeployment,
  ) {}

  @Post('deployment-gate')
  @HttpCode(200)
  @Roles(...DEPLOYERS)
  @ApiOperation({
    operationId: 'askDeploymentGate',
    summary:
      'May a deployment to these CIs proceed now (or at `at`)? 200 naming the change, or 409 with every reason',
  })
  @ApiOkResponse({ type: GateAllowedResponse, description: 'Allowed, under the change named' })
  @ApiResponse({
    status: 409,
    description: 'Refused: `reasons` lists every one (unknown CI, no change, not in Implement…)',
    content: { 'application/problem+json': { schema: GATE_REFUSAL_SCHEMA } },
  })
  async ask(@Body() request: GateRequest): Promise<GateAllowedResponse> {
    const at = request.at ? new Date(request.at) : new Date();
    const { asked, changes } = await gateInputs(this.dataSource.manager, request.cis);
    const decision = gateDecision(asked, changes, at);
    if (!decision.allowed) {
      throw problem(
        HttpStatus.CONFLICT,
        'deployment-refused',
        'Deployment refused',
        decision.reasons.map((reason) => reason.message).join('; '),
        { allowed: false, at: at.toISOString(), reasons: decision.reasons },
      );
    }
    const { change, ciIds } = decision;
    return {
      allowed: true,
      at: at.toISOString(),
      change: {
        id: change.id,
        number: change.number,
        plannedStart: change.plannedStart!.toISOString(),
        plannedEnd: change.plannedEnd!.toISOString(),
      },
      ciIds,
    };
  }

  @Post('changes/:id/deployments')
  @Roles(...DEPLOYERS)
  @ApiOperation({
    operationId: 'recordDeployment',
    summary: "Report a deployment's outcome on the change: its history and an event record it",
  })
  // A deployment is a fact recorded once, not a versioned record: no ETag.
  @ApiIdempotentCreate({ type: DeploymentResponse, record: 'deployment', etag: false })
  @ApiResponse({
    status: 409,
    description: 'The change is not in implement or review (`change-not-implementing`)',
    content: { 'application/problem+json': { schema: NOT_IMPLEMENTING_SCHEMA } },
  })
  async record(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: DeploymentRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeploymentResponse> {
    const key = checkedIdempotencyKey(idempotencyKey);
    const { deployment, replayed } = await this.recordDeployment.execute(id, request, caller, key);
    // A deployment has no address of its own: it is a line of its change's history.
    answerCreated(reply, `/api/v1/changes/${deployment.changeId}/history`, replayed);
    return deployment;
  }
}
