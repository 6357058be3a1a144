import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_STATES } from '@itsm/contracts';
import {
  BLACKOUT_SCOPES,
  CONFLICT_KINDS,
  type BlackoutScope,
  type ConflictKind,
} from './domain/conflict-rules';
import type { Direction } from './domain/footprint';
import type { ConflictsView, ConflictView } from './conflict-view';

const time = { type: String, format: 'date-time' };

export class WindowResponse {
  @ApiProperty(time) start!: Date;
  @ApiProperty(time) end!: Date;
}

class OtherChangeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ pattern: '^CHG\\d{7,}$' }) number!: string;
  @ApiProperty({ enum: [...CHANGE_STATES] }) state!: string;
}

class ConflictingBlackoutResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: BLACKOUT_SCOPES }) scope!: BlackoutScope;
}

export class ConflictResponse implements ConflictView {
  @ApiProperty({
    enum: CONFLICT_KINDS,
    description:
      'same_ci: another change on one of its CIs; dependency: on a CI depending on one of them, or one they depend on; blackout: a freeze',
  })
  kind!: ConflictKind;

  @ApiProperty({ type: OtherChangeResponse, nullable: true })
  otherChange!: OtherChangeResponse | null;

  @ApiProperty({ type: ConflictingBlackoutResponse, nullable: true })
  blackoutWindow!: ConflictingBlackoutResponse | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Where they meet: the other change’s CI, or the frozen CI',
  })
  ci!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The frozen service' })
  service!: string | null;

  @ApiProperty({
    type: String,
    enum: ['impact', 'dependencies'],
    nullable: true,
    description:
      'impact: the CI depends on the change’s; dependencies: the change’s CI depends on it',
  })
  direction!: Direction | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    description: 'From one of the change’s CIs to `ci`, both included',
  })
  path!: string[];

  @ApiProperty({ type: WindowResponse, description: 'The other change’s or the freeze’s window' })
  window!: WindowResponse;
}

export class ConflictsResponse implements ConflictsView {
  @ApiProperty({ format: 'uuid' }) changeId!: string;
  @ApiProperty({ pattern: '^CHG\\d{7,}$' }) number!: string;

  @ApiProperty({
    type: WindowResponse,
    nullable: true,
    description: 'Null until both ends are planned',
  })
  window!: WindowResponse | null;

  @ApiProperty({ type: 'integer', description: 'How many relationships away it looked' })
  depth!: number;

  @ApiProperty({
    enum: ['answered', 'pending', 'not_needed'],
    description:
      'pending: the CMDB has not answered for the change’s current CIs, so only the CIs themselves were checked',
  })
  footprint!: 'answered' | 'pending' | 'not_needed';

  @ApiProperty({ ...time, nullable: true }) footprintCalculatedAt!: Date | null;

  @ApiProperty({ description: 'The CMDB listed fewer related CIs than it found' })
  footprintTruncated!: boolean;

  @ApiProperty({ type: [ConflictResponse] }) conflicts!: ConflictResponse[];
}
