import { ApiProperty } from '@nestjs/swagger';
import type { SlaStage } from '@itsm/sla';
import type { DeliverySlaView } from './delivery-clocks';

const STAGES: SlaStage[] = ['in_progress', 'paused', 'achieved', 'breached', 'cancelled'];
const time = { type: String, format: 'date-time' };
const nullableTime = { ...time, nullable: true };

/** A requested item's delivery clock, counted on to the moment of the answer. */
export class DeliverySlaResponse implements DeliverySlaView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The catalog item whose target it is' })
  definitionId!: string;

  @ApiProperty({ example: 'New VM delivery (40 hours)' }) name!: string;
  @ApiProperty({ enum: ['delivery'], description: 'Until the item is fulfilled' })
  target!: 'delivery';

  @ApiProperty({
    enum: STAGES,
    description: 'Paused while the item waits for its approval; achieved when fulfilled in time',
  })
  stage!: SlaStage;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Seconds allowed' })
  targetSeconds!: number;

  @ApiProperty(time) startedAt!: Date;
  @ApiProperty({ ...nullableTime, description: 'Null while paused or ended' }) dueAt!: Date | null;
  @ApiProperty(nullableTime) breachedAt!: Date | null;
  @ApiProperty(nullableTime) endedAt!: Date | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) elapsedSeconds!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) percentElapsed!: number;
  @ApiProperty({ ...time, description: 'When the stored clock was last computed' })
  computedAt!: Date;
}
