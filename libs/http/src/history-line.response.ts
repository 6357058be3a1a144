import { ApiProperty } from '@nestjs/swagger';
import type { HistoryLine } from '@itsm/persistence';

/** Any JSON value: a field's value as it was stored, null when it had none. */
export const JSON_VALUE = {
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: {} },
    { type: 'object' },
    { type: 'null' },
  ],
};

/** One line of a record's audit history (`auditHistory`), as every service's history answers it. */
export class HistoryLineResponse implements HistoryLine {
  @ApiProperty({ pattern: '^\\d+$', example: '1042', description: 'Lines are in this order' })
  id!: string;

  @ApiProperty({
    example: 'assignee',
    description: 'The field changed; in the CMDB also `attributes.<name>` or `relationships`',
  })
  field!: string;

  @ApiProperty({ ...JSON_VALUE, description: 'null on creation, or when the field had no value' })
  oldValue!: unknown;

  @ApiProperty({ ...JSON_VALUE, description: 'null on deletion, or when the field was cleared' })
  newValue!: unknown;

  @ApiProperty({ enum: ['create', 'update', 'delete'] })
  operation!: string;

  @ApiProperty({
    example: 'ada',
    description: 'A user id, `source:<data source>` for an import, or `system:<process>`',
  })
  changedBy!: string;

  @ApiProperty({ format: 'date-time' })
  changedAt!: string;
}
