import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, IsUUID, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import { Omittable, HasText } from '@itsm/http';

const NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const MAX_ATTRIBUTES = 100;
// JSON Schema's `propertyNames`, which Nest's option types lack; the document carries it as given.
const NAMED_KEYS: object = { propertyNames: { type: 'string', pattern: NAME.source } };

/** An object whose keys are attribute names and whose values are variable names. */
const AttributeMapping = () =>
  ValidateBy({
    name: 'attributeMapping',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length <= MAX_ATTRIBUTES &&
        Object.entries(value).every(
          ([attribute, variable]) =>
            NAME.test(attribute) && typeof variable === 'string' && NAME.test(variable),
        ),
      defaultMessage: (args) =>
        `${args?.property ?? 'attributes'} maps attribute names to variable names (letters, digits, _; at most ${MAX_ATTRIBUTES})`,
    },
  });

export class CiProvisioningDto {
  @ApiProperty({ example: 'linux_server', description: 'A CI class of the CMDB' })
  @IsString()
  @HasText()
  @MaxLength(64)
  className!: string;

  @ApiProperty({
    example: 'vm-{hostname}',
    description: "The CI's name; {variable} is replaced by that (required) variable's answer",
  })
  @IsString()
  @HasText()
  @MaxLength(255)
  nameTemplate!: string;

  @ApiProperty({
    type: 'object',
    maxProperties: MAX_ATTRIBUTES,
    ...NAMED_KEYS,
    additionalProperties: { type: 'string', pattern: NAME.source },
    example: { cpu_count: 'cpu', memory_gb: 'memoryGb' },
    description: "The CI's attribute ← the variable whose answer it takes",
  })
  @AttributeMapping()
  attributes!: Record<string, string>;
}

export class ChangeProvisioningDto {
  @ApiProperty({ format: 'uuid', description: 'A standard-change template of the change service' })
  @IsUUID()
  templateId!: string;
}

/** What fulfilling the item makes (flow 7): a CI, a standard change, or both. */
export class ProvisioningRuleDto {
  @ApiPropertyOptional({ type: CiProvisioningDto })
  @Omittable()
  @ValidateNested()
  @Type(() => CiProvisioningDto)
  ci?: CiProvisioningDto;

  @ApiPropertyOptional({ type: ChangeProvisioningDto })
  @Omittable()
  @ValidateNested()
  @Type(() => ChangeProvisioningDto)
  change?: ChangeProvisioningDto;
}
