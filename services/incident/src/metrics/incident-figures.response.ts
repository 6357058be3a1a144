import { ApiProperty } from '@nestjs/swagger';
import type { IncidentFiguresService } from './incident-figures.service';

type FiguresView = Awaited<ReturnType<IncidentFiguresService['figures']>>;
type BacklogView = FiguresView['backlog'][number];
type SlaAttainmentView = FiguresView['slaAttainment'][number];

export class BacklogResponse implements BacklogView {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  priority!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Null: not assigned to a group' })
  assignmentGroup!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Open incidents' })
  count!: number;
}

export class SlaAttainmentResponse implements SlaAttainmentView {
  @ApiProperty({ enum: ['response', 'resolution'] })
  target!: string;

  @ApiProperty({ type: 'integer', minimum: 0 })
  achieved!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  breached!: number;

  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: 1,
    nullable: true,
    description: 'achieved / (achieved + breached); null when no clock has finished',
  })
  ratio!: number | null;
}

export class IncidentFiguresResponse implements FiguresView {
  @ApiProperty({ type: String, format: 'date-time' })
  from!: Date;

  @ApiProperty({ type: String, format: 'date-time', description: 'Exclusive' })
  to!: Date;

  @ApiProperty({
    type: [BacklogResponse],
    description: 'Open incidents now (new, in progress, on hold), by priority and group',
  })
  backlog!: BacklogResponse[];

  @ApiProperty({ type: 'integer', minimum: 0 })
  openedInWindow!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    nullable: true,
    description: 'Mean time to acknowledge; null when none was acknowledged',
  })
  meanTimeToAcknowledgeSeconds!: number | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    nullable: true,
    description: 'Mean time to resolve; null when none was resolved',
  })
  meanTimeToResolveSeconds!: number | null;

  @ApiProperty({ type: [SlaAttainmentResponse] })
  slaAttainment!: SlaAttainmentResponse[];

  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: 1,
    nullable: true,
    description: 'Reopened / resolved; null when none was resolved',
  })
  reopenRate!: number | null;
}
