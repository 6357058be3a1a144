import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { Omittable, PageQuery, HasText } from '@itsm/http';
import { APPROVAL_KINDS, type ApprovalKind } from './domain/item-definition';
import { VERSION_STATES, type VersionedState } from '@itsm/versioning';
import { MAX_VARIABLES, VARIABLE_TYPES, type VariableType } from './domain/variables';
import { ProvisioningRuleDto } from '../provisioning/provisioning-rule.dto';

const Label = () => applyDecorators(IsString(), HasText(), MaxLength(160));
const Group = () => applyDecorators(IsString(), HasText(), MaxLength(128));
const Text = () => applyDecorators(IsString(), MaxLength(20000));
const Bound = () =>
  applyDecorators(IsNumber({ allowNaN: false, allowInfinity: false }), Min(-1e12), Max(1e12));

export class VariableConditionDto {
  @ApiProperty({ description: 'An earlier variable of the form' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  variable!: string;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] })
  @IsDefined()
  equals!: string | number | boolean;
}

export class VariableDto {
  @ApiProperty({ example: 'cpu', description: 'The key of the answer: letters, digits, _' })
  @Matches(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, {
    message: 'name must start with a letter and hold letters, digits and _ (at most 64)',
  })
  name!: string;

  @ApiProperty({ maxLength: 160, example: 'vCPUs' }) @Label() label!: string;
  @ApiProperty({ enum: VARIABLE_TYPES }) @IsIn(VARIABLE_TYPES) type!: VariableType;
  @ApiPropertyOptional({ default: false }) @Omittable() @IsBoolean() required?: boolean;
  @ApiPropertyOptional({ description: 'Any value the variable accepts' })
  @IsOptional()
  default?: unknown;

  @ApiPropertyOptional({ maxLength: 500, description: 'Text: the whole answer must match' })
  @Omittable()
  @IsString()
  @MaxLength(500)
  pattern?: string;

  @ApiPropertyOptional({
    description: 'Number: the value; text: its length; multi-choice: the count',
  })
  @Omittable()
  @Bound()
  min?: number;

  @ApiPropertyOptional() @Omittable() @Bound() max?: number;
  @ApiPropertyOptional({ type: [String], maxItems: 200 })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(160, { each: true })
  choices?: string[];

  @ApiPropertyOptional({ example: 'virtual_machine' })
  @Omittable()
  @IsString()
  @MaxLength(64)
  ciClass?: string;

  @ApiPropertyOptional({ type: VariableConditionDto })
  @Omittable()
  @ValidateNested()
  @Type(() => VariableConditionDto)
  showWhen?: VariableConditionDto;
}

export class PlanStepDto {
  @ApiProperty({ minimum: 1, maximum: 50, description: 'Tasks of one stage run in parallel' })
  @IsInt()
  @Min(1)
  @Max(50)
  stage!: number;

  @ApiProperty({ maxLength: 160 }) @Label() shortDescription!: string;
  @ApiProperty({ maxLength: 128 }) @Group() assignmentGroup!: string;
}

export class ApprovalDto {
  @ApiProperty({ enum: APPROVAL_KINDS }) @IsIn(APPROVAL_KINDS) kind!: ApprovalKind;
  @ApiPropertyOptional({ maxLength: 128 }) @Omittable() @Group() group?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(100)
  quorum?: number;
}

/**
 * At most two decimals. Not class-validator's `maxDecimalPlaces`: it reads the decimals from the
 * number's text and throws on one written with an exponent (`5e-324`), which answered 500.
 */
const InCents = () =>
  ValidateBy({
    name: 'inCents',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Math.round(value * 100) / 100 === value,
      defaultMessage: (args) => `${args?.property ?? 'amount'} has at most two decimals`,
    },
  });

export class PriceDto {
  @ApiProperty({ minimum: 0, multipleOf: 0.01, description: 'At most two decimals' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @InCents()
  @Min(0)
  @Max(1e9)
  amount!: number;

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code, e.g. EUR' })
  currency!: string;
}

const Variables = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(MAX_VARIABLES),
    ValidateNested({ each: true }),
    Type(() => VariableDto),
  );
const Plan = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(100),
    ValidateNested({ each: true }),
    Type(() => PlanStepDto),
  );
/** Who may order: left out (null when editing), everyone; an empty list would let no one: refused. */
const Groups = () =>
  applyDecorators(
    IsArray(),
    ArrayMinSize(1, {
      message:
        'orderableBy must name at least one group; to let everyone order, leave it out (or set it to null when editing)',
    }),
    ArrayMaxSize(100),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(128, { each: true }),
  );

export class CreateCatalogItemRequest {
  @ApiProperty({ maxLength: 160, example: 'New VM' }) @Label() name!: string;
  @ApiProperty({ maxLength: 160 }) @Label() shortDescription!: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @Omittable() @Text() description?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @Omittable() @IsUUID() categoryId?: string;
  @ApiProperty({ type: [VariableDto] }) @Variables() variables!: VariableDto[];
  @ApiProperty({ type: [PlanStepDto] }) @Plan() plan!: PlanStepDto[];
  @ApiProperty({ type: ApprovalDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ApprovalDto)
  approval!: ApprovalDto;

  @ApiPropertyOptional({ type: PriceDto })
  @Omittable()
  @ValidateNested()
  @Type(() => PriceDto)
  price?: PriceDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 8760 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(8760)
  deliveryTargetHours?: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'The groups whose members may order it; left out: everyone',
  })
  @Omittable()
  @Groups()
  orderableBy?: string[];
  @ApiPropertyOptional({
    type: ProvisioningRuleDto,
    description: 'Flow 7: the CI and/or standard change that fulfilling it makes',
  })
  @Omittable()
  @ValidateNested()
  @Type(() => ProvisioningRuleDto)
  provisioning?: ProvisioningRuleDto;
}

/** Edits the draft, or starts the next version as a draft; null clears a field that may be empty. */
export class EditCatalogItemRequest {
  @ApiPropertyOptional({ description: 'The version read (not the item version); or If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ maxLength: 160 }) @Omittable() @Label() name?: string;
  @ApiPropertyOptional({ maxLength: 160 }) @Omittable() @Label() shortDescription?: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @Text() description?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() categoryId?: string | null;
  @ApiPropertyOptional({ type: [VariableDto] }) @Omittable() @Variables() variables?: VariableDto[];
  @ApiPropertyOptional({ type: [PlanStepDto] }) @Omittable() @Plan() plan?: PlanStepDto[];
  @ApiPropertyOptional({ type: ApprovalDto })
  @Omittable()
  @ValidateNested()
  @Type(() => ApprovalDto)
  approval?: ApprovalDto;

  @ApiPropertyOptional({ type: PriceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PriceDto)
  price?: PriceDto | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 8760 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8760)
  deliveryTargetHours?: number | null;

  @ApiPropertyOptional({ type: [String], description: 'null: everyone may order it' })
  @IsOptional()
  @Groups()
  orderableBy?: string[] | null;
  @ApiPropertyOptional({ type: ProvisioningRuleDto, description: 'null: it provisions nothing' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProvisioningRuleDto)
  provisioning?: ProvisioningRuleDto | null;
}

/** Publishing and retiring change nothing but the lifecycle: only the version read. */
export class ItemLifecycleRequest {
  @ApiPropertyOptional({ description: 'The version read (not the item version); or If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListCatalogItemsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: VERSION_STATES,
    description: 'Items with a version in this state (catalog managers; others see published ones)',
  })
  @IsOptional()
  @IsIn(VERSION_STATES)
  state?: VersionedState;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() categoryId?: string;

  @ApiPropertyOptional({ description: 'Words in the name' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(160)
  q?: string;
}
