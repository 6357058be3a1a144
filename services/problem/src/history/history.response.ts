import { ApiProperty } from '@nestjs/swagger';
import type { HistoryLine } from '@itsm/persistence';

/** Any JSON value: a field's value as it was stored, null when it had none. */
const ANY_VALUE = {
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: {} },
    { type: 'object' },
    { type: 'null' },
  ],
};

export class HistoryLineResponse implements HistoryLine {
  @ApiProperty({
    pattern: '^\\d+$',
    example: '1042',
    description: 'The position in the audit trail',
  })
  id!: string;

  @ApiProperty({ example: 'workaround', description: 'The field changed' })
  field!: string;

  @ApiProperty({ ...ANY_VALUE, description: 'Null on creation' })
  oldValue!: unknown;

  @ApiProperty({ ...ANY_VALUE, description: 'Null on deletion' })
  newValue!: unknown;

  @ApiProperty({ enum: ['create', 'update', 'delete'] })
  operation!: string;

  @ApiProperty({ example: 'paul', description: 'A user id, or `system:<process>`' })
  changedBy!: string;

  @ApiProperty({ format: 'date-time' })
  changedAt!: string;
}
