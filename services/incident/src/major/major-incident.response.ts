import { ApiProperty } from '@nestjs/swagger';
import type { Audience, MajorIncidentsService } from './major-incidents.service';

export const AUDIENCES: readonly Audience[] = ['stakeholders', 'customers', 'internal'];

type CommunicationView = Awaited<ReturnType<MajorIncidentsService['log']>>;

export class CommunicationResponse implements CommunicationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: [...AUDIENCES],
    description: 'Callers read what is written for customers only',
  })
  audience!: Audience;

  @ApiProperty({ example: 'A fix is being deployed; next update at 10:30' })
  message!: string;

  @ApiProperty({ description: 'The user who logged it' })
  author!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  loggedAt!: Date;
}

export class CommunicationListResponse {
  @ApiProperty({ type: [CommunicationResponse], description: 'Oldest first' })
  items!: CommunicationResponse[];
}
