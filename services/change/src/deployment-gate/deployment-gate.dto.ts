import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { DEPLOYMENT_OUTCOMES } from '@itsm/contracts';
import { IsTimestamp, Omittable, OneOf } from '@itsm/http';
import { UuidList } from '../uuid-list';

export const MAX_GATE_CIS = 50;
const MAX_DEPLOYED_CIS = 100;

export class GateRequest {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: MAX_GATE_CIS,
    example: ['db-checkout-01'],
    description:
      "The CIs deployed to: each a CI's id, or its name, serial number, host name, FQDN or cloud id as the CMDB knows it (not case-sensitive)",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_GATE_CIS)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(255, { each: true })
  cis!: string[];

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the deployment runs; default now',
  })
  @Omittable()
  @IsTimestamp()
  at?: string;
}

export class DeploymentRequest {
  @ApiProperty({ enum: DEPLOYMENT_OUTCOMES })
  @OneOf(DEPLOYMENT_OUTCOMES)
  outcome!: (typeof DEPLOYMENT_OUTCOMES)[number];

  @ApiPropertyOptional({ maxLength: 255, example: 'checkout/deploy-production' })
  @Omittable()
  @IsString()
  @MaxLength(255)
  pipeline?: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    example: 'https://ci.example.com/pipelines/4711',
    description: "The pipeline run's page: an http or https address",
  })
  @Omittable()
  @IsString()
  @MaxLength(2000)
  // Shown as a link on the change: no javascript:, data: or other scheme a browser would run, and
  // no user name or password in it for everybody who reads the change.
  @Matches(/^https?:\/\/[^\s/?#@]+([/?#]\S*)?$/i, {
    message: 'url must be an http or https address without credentials',
  })
  url?: string;

  @ApiPropertyOptional({ maxLength: 255, example: '2.14.0', description: 'What was deployed' })
  @Omittable()
  @IsString()
  @MaxLength(255)
  version?: string;

  @UuidList({
    description: "The CIs deployed to, among the change's; default all of the change's CIs",
    minItems: 1,
    maxItems: MAX_DEPLOYED_CIS,
  })
  ciIds?: string[];
}
