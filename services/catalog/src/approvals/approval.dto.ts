import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery, HasText } from '@itsm/http';
import { APPROVAL_STATES, type ApprovalState } from './domain/approval-policy';

export class DecideApprovalRequest {
  @ApiProperty({ minLength: 1, maxLength: 4000, description: 'Why: every decision is explained' })
  @IsString()
  @HasText()
  @MaxLength(4000)
  comment!: string;
}

export class ListApprovalsQuery extends PageQuery {
  @ApiPropertyOptional({
    type: Boolean,
    description:
      "The caller's queue (`?mine` or `mine=true`): approvals waiting for their decision",
  })
  @IsOptional()
  // `?mine` alone asks for the queue too.
  @Transform(({ value }) =>
    value === 'true' || value === '' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ enum: APPROVAL_STATES })
  @IsOptional()
  @IsIn(APPROVAL_STATES)
  state?: ApprovalState;
}
