import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { Omittable, PageQuery, HasText } from '@itsm/http';
import { VERSION_STATES, type VersionedState } from '@itsm/versioning';

const Label = () => applyDecorators(IsString(), HasText(), MaxLength(160));
const Plan = () => applyDecorators(IsString(), HasText(), MaxLength(20000));
const Group = () => applyDecorators(IsString(), HasText(), MaxLength(128));

export class CreateTemplateRequest {
  @ApiProperty({ maxLength: 160, example: 'Restart an application server' }) @Label() name!: string;
  @ApiProperty({ maxLength: 160 }) @Label() shortDescription!: string;
  @ApiPropertyOptional({ maxLength: 20000 })
  @Omittable()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiProperty({ maxLength: 20000 }) @Plan() justification!: string;
  @ApiProperty({ maxLength: 20000 }) @Plan() implementationPlan!: string;
  @ApiProperty({ maxLength: 20000 }) @Plan() backoutPlan!: string;
  @ApiProperty({ maxLength: 20000 }) @Plan() testPlan!: string;
  @ApiPropertyOptional({ maxLength: 128 }) @Omittable() @Group() assignmentGroup?: string;
}

/** Edits the draft, or starts the next version as a draft; null clears a field that may be empty. */
export class EditTemplateRequest {
  @ApiPropertyOptional({ description: 'The version read (not the template version); or If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ maxLength: 160 }) @Omittable() @Label() name?: string;
  @ApiPropertyOptional({ maxLength: 160 }) @Omittable() @Label() shortDescription?: string;
  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string | null;

  @ApiPropertyOptional({ maxLength: 20000 }) @Omittable() @Plan() justification?: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @Omittable() @Plan() implementationPlan?: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @Omittable() @Plan() backoutPlan?: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @Omittable() @Plan() testPlan?: string;
  @ApiPropertyOptional({ maxLength: 128 }) @IsOptional() @Group() assignmentGroup?: string | null;
}

/** Publishing and retiring change nothing but the lifecycle: only the version read. */
export class TemplateLifecycleRequest {
  @ApiPropertyOptional({ description: 'The version read (not the template version); or If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListTemplatesQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: VERSION_STATES,
    description: 'Templates with a version in this state',
  })
  @IsOptional()
  @IsIn(VERSION_STATES)
  state?: VersionedState;

  @ApiPropertyOptional({ description: 'Words in the name' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(160)
  q?: string;
}
