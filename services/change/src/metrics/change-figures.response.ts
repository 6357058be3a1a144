import { ApiProperty } from '@nestjs/swagger';
import type { ChangeFiguresService } from './change-figures.service';

type FiguresView = Awaited<ReturnType<ChangeFiguresService['figures']>>;

export class ClosedByCloseCodeResponse {
  @ApiProperty({ type: 'integer', minimum: 0 }) successful!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) successful_with_issues!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) unsuccessful!: number;
}

const seconds = (description: string) =>
  ApiProperty({ type: 'integer', minimum: 0, nullable: true, description });
const share = (description: string) =>
  ApiProperty({ type: Number, minimum: 0, maximum: 1, nullable: true, description });

export class ChangeFiguresResponse implements FiguresView {
  @ApiProperty({ type: String, format: 'date-time' }) from!: Date;
  @ApiProperty({ type: String, format: 'date-time', description: 'Exclusive' }) to!: Date;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Changes closed from–to' })
  closed!: number;

  @ApiProperty({ type: ClosedByCloseCodeResponse }) closedByCloseCode!: ClosedByCloseCodeResponse;

  @share('Closed changes that were not unsuccessful / closed changes; null when none closed')
  successRate!: number | null;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Changes raised from–to' })
  raised!: number;

  @share('Emergencies / changes raised; null when none was raised')
  emergencyShare!: number | null;

  @seconds('Mean time from raising to Implement, changes implemented from–to')
  meanLeadTimeToImplementSeconds!: number | null;

  @seconds('Mean time from raising to Closed, changes closed from–to')
  meanLeadTimeToCloseSeconds!: number | null;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Approval decisions from–to' })
  approvalsDecided!: number;

  @seconds('Mean time from entering Authorize to the decision (approved or rejected)')
  meanApprovalTimeSeconds!: number | null;
}
