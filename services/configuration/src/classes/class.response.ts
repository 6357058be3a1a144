import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTRIBUTE_TYPES,
  type AttributeDefinition,
  type AttributeType,
} from './domain/attribute-schema';
import { RULE_FIELDS, type IdentifierField } from './domain/class-hierarchy';
import type { classView } from './classes.service';

type ClassView = ReturnType<typeof classView>;

/** The optional settings are null where a class was defined with null for them. */
export class AttributeDefinitionResponse implements AttributeDefinition {
  @ApiProperty({ example: 'cpuCount' })
  name!: string;

  @ApiProperty({ enum: ATTRIBUTE_TYPES })
  type!: AttributeType;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  required?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  description?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'string: a regular expression the whole value matches',
  })
  pattern?: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'number, integer: lowest value; string: shortest length',
  })
  min?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'number, integer: highest value; string: longest length',
  })
  max?: number;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'enum: the values' })
  values?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'reference: the class of the CI named',
  })
  referenceClass?: string;
}

export class ClassResponse implements ClassView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'kubernetes_cluster' })
  name!: string;

  @ApiProperty({ example: 'Kubernetes cluster' })
  label!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The parent class; null at a root' })
  parent!: string | null;

  @ApiProperty({
    type: [AttributeDefinitionResponse],
    description: "The class's attributes and every ancestor's",
  })
  attributes!: AttributeDefinitionResponse[];

  @ApiProperty({ type: [AttributeDefinitionResponse], description: 'Those defined on this class' })
  ownAttributes!: AttributeDefinitionResponse[];

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'string', enum: [...RULE_FIELDS] } },
    description: 'The identifier sets that identify a CI of the class, tried in order',
    example: [['serialNumber'], ['fqdn']],
  })
  identificationRules!: IdentifierField[][];

  @ApiProperty({ type: 'integer', minimum: 1 })
  version!: number;
}

export class ClassListResponse {
  @ApiProperty({ type: [ClassResponse], description: 'Every class, by name' })
  items!: ClassResponse[];
}
