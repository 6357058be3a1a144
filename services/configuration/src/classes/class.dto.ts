import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Omittable, OneOf } from '@itsm/http';
import { ATTRIBUTE_TYPES, type AttributeType } from './domain/attribute-schema';
import { RULE_FIELDS, type IdentifierField } from './domain/class-hierarchy';

export class AttributeDefinitionDto {
  @ApiProperty({ example: 'cpuCount' })
  @IsString()
  name!: string;

  @ApiProperty({ enum: ATTRIBUTE_TYPES })
  @OneOf(ATTRIBUTE_TYPES)
  type!: AttributeType;

  @ApiPropertyOptional() @Omittable() @IsBoolean() required?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) description?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(500) pattern?: string;
  @ApiPropertyOptional() @Omittable() @IsNumber() min?: number;
  @ApiPropertyOptional() @Omittable() @IsNumber() max?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  values?: string[];

  @ApiPropertyOptional() @Omittable() @IsString() referenceClass?: string;
}

export class CreateClassRequest {
  @ApiProperty({ example: 'kubernetes_cluster', description: 'snake_case, unique' })
  @Matches(/^[a-z][a-z0-9_]{1,62}$/, { message: 'name must be snake_case, 2 to 63 characters' })
  name!: string;

  @ApiProperty({ example: 'Kubernetes cluster' })
  @IsString()
  @MaxLength(200)
  label!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ description: 'The parent class; its attributes and rules are inherited' })
  @IsOptional()
  @IsString()
  parent?: string;

  @ApiPropertyOptional({ type: [AttributeDefinitionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AttributeDefinitionDto)
  attributes?: AttributeDefinitionDto[];

  @ApiPropertyOptional({
    description: `Ordered identifier sets, e.g. [["serialNumber"],["fqdn"]]; fields: ${RULE_FIELDS.join(', ')}`,
    type: 'array',
    items: { type: 'array', items: { type: 'string', enum: [...RULE_FIELDS] } },
  })
  @IsOptional()
  @IsArray()
  identificationRules?: IdentifierField[][];
}

export class UpdateClassRequest {
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(200) label?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ type: [AttributeDefinitionDto], description: 'New attributes to add' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AttributeDefinitionDto)
  addAttributes?: AttributeDefinitionDto[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'array', items: { type: 'string' } } })
  @IsOptional()
  @IsArray()
  identificationRules?: IdentifierField[][];
}
