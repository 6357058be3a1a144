import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { OneOf, HasText } from '@itsm/http';
import { DECISIONS, type Decision } from './domain/approval-policy';

export class ApprovalRequest {
  @ApiProperty({ enum: DECISIONS })
  @OneOf(DECISIONS)
  decision!: Decision;

  @ApiProperty({ minLength: 1, maxLength: 4000, description: 'Why: every vote is explained' })
  @IsString()
  @HasText()
  @MaxLength(4000)
  comment!: string;
}
