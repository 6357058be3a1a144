import { ApiProperty } from '@nestjs/swagger';
import type { HistoryLine } from '@itsm/persistence';
import { JSON_VALUE } from '../cis/ci.response';

export class HistoryLineResponse implements HistoryLine {
  @ApiProperty({ pattern: '^\\d+$', example: '1042', description: 'Lines are in this order' })
  id!: string;

  @ApiProperty({
    example: 'attributes.version',
    description: 'The field, `attributes.<name>`, or `relationships`',
  })
  field!: string;

  @ApiProperty({ ...JSON_VALUE, description: 'null when the field had no value' })
  oldValue!: unknown;

  @ApiProperty({ ...JSON_VALUE, description: 'null when the field was cleared or removed' })
  newValue!: unknown;

  @ApiProperty({ enum: ['create', 'update', 'delete'] })
  operation!: string;

  @ApiProperty({
    example: 'source:discovery',
    description: 'A user id, source:<data source> for an import, or system:<process>',
  })
  changedBy!: string;

  @ApiProperty({ format: 'date-time' })
  changedAt!: string;
}
