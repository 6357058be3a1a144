import { ApiProperty } from '@nestjs/swagger';
import type { CausedIncident } from './caused-incidents';

export class CausedIncidentResponse implements CausedIncident {
  @ApiProperty({ format: 'uuid' }) incidentId!: string;
  @ApiProperty({ example: 'INC0001234' }) incidentNumber!: string;
  @ApiProperty({ format: 'uuid', description: 'The CI of the change the incident names' })
  configurationItemId!: string;

  @ApiProperty() shortDescription!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the incident service linked it' })
  linkedAt!: string;
}
