import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ChangeProvisioning,
  CiProvisioning,
  ProvisioningRule,
} from './domain/provisioning-rule';

export class CiProvisioningResponse implements CiProvisioning {
  @ApiProperty() className!: string;
  @ApiProperty() nameTemplate!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  attributes!: Record<string, string>;
}

export class ChangeProvisioningResponse implements ChangeProvisioning {
  @ApiProperty({ format: 'uuid' }) templateId!: string;
}

export class ProvisioningRuleResponse implements ProvisioningRule {
  @ApiPropertyOptional({ type: CiProvisioningResponse }) ci?: CiProvisioningResponse;
  @ApiPropertyOptional({ type: ChangeProvisioningResponse }) change?: ChangeProvisioningResponse;
}
