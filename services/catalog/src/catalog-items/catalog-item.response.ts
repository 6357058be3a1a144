import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPROVAL_KINDS,
  type ApprovalKind,
  type ApprovalRule,
  type PlanStep,
  type Price,
} from './domain/item-definition';
import { VERSION_STATES, type VersionedState } from '@itsm/versioning';
import {
  VARIABLE_TYPES,
  type VariableCondition,
  type VariableDefinition,
  type VariableType,
} from './domain/variables';
import type { ItemVersionView, ItemView } from './catalog-item-view';
import { ProvisioningRuleResponse } from '../provisioning/provisioning-rule.response';

const nullableText = { type: String, nullable: true };
const nullableTime = { type: String, format: 'date-time', nullable: true };
/** The values a variable's answer (and so its default or condition) may take. */
export const ANSWER_SCHEMA = {
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: { type: 'string' } },
  ],
};

export class VariableConditionResponse implements VariableCondition {
  @ApiProperty() variable!: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] })
  equals!: string | number | boolean;
}

export class VariableResponse implements VariableDefinition {
  @ApiProperty() name!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: VARIABLE_TYPES }) type!: VariableType;
  @ApiProperty() required!: boolean;
  @ApiPropertyOptional(ANSWER_SCHEMA) default?: unknown;
  @ApiPropertyOptional() pattern?: string;
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiPropertyOptional({ type: [String] }) choices?: string[];
  @ApiPropertyOptional() ciClass?: string;
  @ApiPropertyOptional({ type: VariableConditionResponse }) showWhen?: VariableConditionResponse;
}

export class PlanStepResponse implements PlanStep {
  @ApiProperty({ type: 'integer', minimum: 1 }) stage!: number;
  @ApiProperty() shortDescription!: string;
  @ApiProperty() assignmentGroup!: string;
}

export class ApprovalResponse implements ApprovalRule {
  @ApiProperty({ enum: APPROVAL_KINDS }) kind!: ApprovalKind;
  @ApiPropertyOptional() group?: string;
  @ApiPropertyOptional({ type: 'integer' }) quorum?: number;
}

export class PriceResponse implements Price {
  @ApiProperty() amount!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

/** One version of an item: what a request made from it keeps. */
export class CatalogItemVersionResponse implements ItemVersionView {
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({ enum: VERSION_STATES }) state!: VersionedState;
  @ApiProperty() shortDescription!: string;
  @ApiProperty(nullableText) description!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) categoryId!: string | null;
  @ApiProperty({ type: [VariableResponse], description: 'The form, in order' })
  variables!: VariableResponse[];

  @ApiProperty({ type: [PlanStepResponse] }) plan!: PlanStepResponse[];
  @ApiProperty({ type: ApprovalResponse }) approval!: ApprovalResponse;
  @ApiProperty({ type: PriceResponse, nullable: true }) price!: PriceResponse | null;
  @ApiProperty({ type: 'integer', nullable: true }) deliveryTargetHours!: number | null;
  @ApiProperty({ type: [String], nullable: true, description: 'null: everyone may order it' })
  orderableBy!: string[] | null;

  @ApiProperty({ type: ProvisioningRuleResponse, nullable: true, description: 'Flow 7' })
  provisioning!: ProvisioningRuleResponse | null;

  @ApiProperty() editedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) editedAt!: Date;
  @ApiProperty(nullableText) publishedBy!: string | null;
  @ApiProperty(nullableTime) publishedAt!: Date | null;
  @ApiProperty(nullableTime) retiredAt!: Date | null;
}

/** A catalog item with the versions the caller may see (a catalog manager: all of them). */
export class CatalogItemResponse implements ItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'New VM' }) name!: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The version requests are made from; null when none is published',
  })
  publishedVersion!: number | null;

  @ApiProperty({ type: [CatalogItemVersionResponse], description: 'Newest first' })
  versions!: CatalogItemVersionResponse[];

  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'For If-Match (or `version` in the body): not the item version',
  })
  version!: number;
}
