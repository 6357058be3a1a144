import { ApiProperty } from '@nestjs/swagger';
import { PRIORITY_NAMES, type Priority } from './domain/priority-matrix';
import type { PriorityMatrixService } from './priority-matrix.service';

type MatrixView = Awaited<ReturnType<PriorityMatrixService['view']>>;

const PRIORITY_NAME = (priority: Priority) =>
  ApiProperty({ enum: [PRIORITY_NAMES[priority]], example: PRIORITY_NAMES[priority] });

/** The name of each priority, by its number. */
export class PriorityNamesResponse implements Record<Priority, string> {
  @PRIORITY_NAME(1) '1'!: string;
  @PRIORITY_NAME(2) '2'!: string;
  @PRIORITY_NAME(3) '3'!: string;
  @PRIORITY_NAME(4) '4'!: string;
  @PRIORITY_NAME(5) '5'!: string;
}

export class PriorityMatrixResponse implements MatrixView {
  @ApiProperty({
    description: 'matrix[impact − 1][urgency − 1] = priority 1–4',
    type: 'array',
    minItems: 3,
    maxItems: 3,
    items: {
      type: 'array',
      minItems: 3,
      maxItems: 3,
      items: { type: 'integer', minimum: 1, maximum: 4 },
    },
    example: [
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 4],
    ],
  })
  matrix!: MatrixView['matrix'];

  @ApiProperty({ type: PriorityNamesResponse })
  priorities!: PriorityNamesResponse;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'For If-Match (or `version`)' })
  version!: number;

  @ApiProperty({ description: 'Who replaced the matrix last' })
  updatedBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}
