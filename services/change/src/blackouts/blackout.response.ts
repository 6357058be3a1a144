import { ApiProperty } from '@nestjs/swagger';
import { WindowResponse } from '../conflicts/conflict.response';
import { BLACKOUT_SCOPES, type BlackoutScope } from '../conflicts/domain/conflict-rules';
import { PLANNED_STATES } from '../conflicts/domain/planned-states';
import { FROZEN_CHANGES_LIMIT, type FrozenChange } from '../conflicts/frozen-changes';
import type { BlackoutDetailView, BlackoutView } from './blackout-view';

const time = { type: String, format: 'date-time' };

export class BlackoutResponse implements BlackoutView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty(time) start!: Date;
  @ApiProperty(time) end!: Date;
  @ApiProperty({ enum: BLACKOUT_SCOPES }) scope!: BlackoutScope;
  @ApiProperty({ type: [String], format: 'uuid' }) ciIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) serviceIds!: string[];
  @ApiProperty() createdBy!: string;
  @ApiProperty(time) createdAt!: Date;
  @ApiProperty(time) updatedAt!: Date;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
}

class AffectedChangeResponse implements FrozenChange {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ pattern: '^CHG\\d{7,}$' }) number!: string;
  @ApiProperty({ enum: [...PLANNED_STATES] }) state!: string;

  @ApiProperty({ type: WindowResponse, description: 'The change’s planned window' })
  window!: WindowResponse;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The change’s CI the freeze names (null: not stopped through a CI)',
  })
  ci!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The service the freeze names that the change’s CIs impact, as the CMDB last answered (both null: a global freeze)',
  })
  service!: string | null;
}

export class BlackoutDetailResponse extends BlackoutResponse implements BlackoutDetailView {
  @ApiProperty({
    type: [AffectedChangeResponse],
    description: `The changes in Scheduled or Implement whose planned window overlaps the freeze and whose CIs or impacted services it covers (every one for a global freeze), earliest first, at most ${FROZEN_CHANGES_LIMIT}; a requester sees only their own`,
  })
  affectedChanges!: AffectedChangeResponse[];

  @ApiProperty({ description: `More than ${FROZEN_CHANGES_LIMIT} changes are affected` })
  affectedChangesTruncated!: boolean;
}
