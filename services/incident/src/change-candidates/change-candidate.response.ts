import { ApiProperty } from '@nestjs/swagger';
import type { ChangeCandidate } from './change-candidates';

export class ChangeCandidateResponse implements ChangeCandidate {
  @ApiProperty({ format: 'uuid' }) changeId!: string;
  @ApiProperty({ example: 'CHG0000310' }) changeNumber!: string;
  @ApiProperty({ format: 'uuid', description: "The change's CI the incident names" })
  configurationItemId!: string;

  @ApiProperty({ format: 'date-time' }) windowStart!: string;
  @ApiProperty({ format: 'date-time' }) windowEnd!: string;
  @ApiProperty({ format: 'date-time' }) linkedAt!: string;
}

export class ChangeCandidatesResponse {
  @ApiProperty({
    type: [ChangeCandidateResponse],
    description:
      'Unsuccessful changes on its CI whose window it was opened in, or up to 24 h after',
  })
  items!: ChangeCandidateResponse[];
}
