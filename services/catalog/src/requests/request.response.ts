import { ApiProperty } from '@nestjs/swagger';
import {
  CATALOG_TASK_STATES,
  REQUEST_STATES,
  REQUESTED_ITEM_STATES,
  type CatalogTaskState,
  type RequestedItemState,
  type RequestState,
} from './domain/fulfilment-states';
import type { RequestedItemView, RequestView, TaskView, TaskWithItemView } from './request-view';
import { ProvisioningResponse } from '../provisioning/provisioning.response';
import { DeliverySlaResponse } from '../sla/delivery-sla.response';
import { ApprovalStatusResponse } from '../approvals/approval.response';

const time = { type: String, format: 'date-time' };
const nullableTime = { ...time, nullable: true };
const answers = {
  type: 'object',
  additionalProperties: true,
  description: 'The answers to the form, defaults filled in',
} as const;

export class TaskResponse implements TaskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SCTASK0000001' }) number!: string;
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ format: 'uuid' }) requestedItemId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Tasks of one stage run in parallel' })
  stage!: number;

  @ApiProperty() shortDescription!: string;
  @ApiProperty() assignmentGroup!: string;
  @ApiProperty({ enum: CATALOG_TASK_STATES }) state!: CatalogTaskState;
  @ApiProperty(time) openedAt!: Date;
  @ApiProperty(nullableTime) closedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) closedBy!: string | null;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'For If-Match' }) version!: number;
}

export class RequestedItemResponse implements RequestedItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'RITM0000001' }) number!: string;
  @ApiProperty({ format: 'uuid' }) catalogItemId!: string;
  @ApiProperty({ type: 'integer', description: 'The version it was made from, kept' })
  catalogItemVersion!: number;

  @ApiProperty() catalogItemName!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) quantity!: number;
  @ApiProperty(answers) variables!: Record<string, unknown>;
  @ApiProperty({ enum: REQUESTED_ITEM_STATES }) state!: RequestedItemState;
  @ApiProperty() requestedFor!: string;
  @ApiProperty(time) openedAt!: Date;
  @ApiProperty(nullableTime) closedAt!: Date | null;
  @ApiProperty({ type: ProvisioningResponse, nullable: true, description: 'Flow 7; null: none' })
  provisioning!: ProvisioningResponse | null;

  @ApiProperty({
    type: DeliverySlaResponse,
    nullable: true,
    description: "Its catalog item's delivery target; null: none",
  })
  deliverySla!: DeliverySlaResponse | null;

  @ApiProperty({
    type: ApprovalStatusResponse,
    nullable: true,
    description: 'The approval it waits for or had; null: its catalog item needs none',
  })
  approval!: ApprovalStatusResponse | null;

  @ApiProperty({ type: [TaskResponse], description: 'Opened stage by stage, as the plan goes' })
  tasks!: TaskResponse[];
}

/** A request (REQ) with its requested items and their tasks. */
export class RequestResponse implements RequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'REQ0000001' }) number!: string;
  @ApiProperty({ enum: REQUEST_STATES }) state!: RequestState;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedFor!: string;
  @ApiProperty(time) openedAt!: Date;
  @ApiProperty(nullableTime) closedAt!: Date | null;
  @ApiProperty({ type: [RequestedItemResponse], description: 'In cart order' })
  items!: RequestedItemResponse[];

  @ApiProperty(time) createdAt!: Date;
  @ApiProperty(time) updatedAt!: Date;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'For If-Match' }) version!: number;
}

export class TaskItemResponse {
  @ApiProperty({ example: 'RITM0000001' }) number!: string;
  @ApiProperty() catalogItemName!: string;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty(answers) variables!: Record<string, unknown>;
  @ApiProperty() requestedFor!: string;
}

/** A catalog task with what its fulfillers need of the requested item. */
export class TaskWithItemResponse extends TaskResponse implements TaskWithItemView {
  @ApiProperty({ type: TaskItemResponse }) requestedItem!: TaskItemResponse;
}
