import { ApiProperty } from '@nestjs/swagger';
import type {
  ChangeOutcome,
  CiOutcome,
  PartStatus,
  ProvisioningStatus,
} from './domain/provisioning-outcome';
import type { ProvisioningView } from './provisioning-view';

const PART_STATUSES: PartStatus[] = ['pending', 'created', 'refused'];
const STATUSES: ProvisioningStatus[] = ['waiting', 'delivered', 'needs_attention'];
const nullable = { type: String, nullable: true };
const nullableTime = { type: String, format: 'date-time', nullable: true };

export class CiOutcomeResponse implements CiOutcome {
  @ApiProperty({ enum: PART_STATUSES }) status!: PartStatus;
  @ApiProperty({ ...nullable, format: 'uuid' }) ciId!: string | null;
  @ApiProperty(nullable) ciName!: string | null;
  @ApiProperty({ ...nullable, description: "The CMDB's refusal" }) reason!: string | null;
  @ApiProperty(nullableTime) answeredAt!: string | null;
}

export class ChangeOutcomeResponse implements ChangeOutcome {
  @ApiProperty({ enum: PART_STATUSES }) status!: PartStatus;
  @ApiProperty({ ...nullable, format: 'uuid' }) changeId!: string | null;
  @ApiProperty({ ...nullable, example: 'CHG0000001' }) changeNumber!: string | null;
  @ApiProperty({ ...nullable, description: "The change service's refusal" })
  reason!: string | null;

  @ApiProperty(nullableTime) answeredAt!: string | null;
}

/** Flow 7 on a requested item: asked when its plan was done, fulfilled once every part is created. */
export class ProvisioningResponse implements ProvisioningView {
  @ApiProperty({
    enum: STATUSES,
    description:
      'needs_attention: a part was refused (see its reason); the item stays in fulfilment',
  })
  status!: ProvisioningStatus;

  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: CiOutcomeResponse, nullable: true }) ci!: CiOutcomeResponse | null;
  @ApiProperty({ type: ChangeOutcomeResponse, nullable: true })
  change!: ChangeOutcomeResponse | null;
}
