import { ApiProperty } from '@nestjs/swagger';
import { BLACKOUT_SCOPES, type BlackoutScope } from '../conflicts/domain/conflict-rules';
import type { BlackoutView } from './blackout-view';

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
