import { ApiProperty } from '@nestjs/swagger';
import { PROBLEM_STATES } from '@itsm/contracts';
import type { ProblemState } from '../problems/domain/problem-states';
import { CAUSE_CATEGORIES } from '../problems/domain/root-cause';
import type { KnownErrorHighlights, KnownErrorView } from './known-error-view';

const MARKED = 'HTML: the text escaped, the matched words in <mark>…</mark>';

export class KnownErrorHighlightsResponse implements KnownErrorHighlights {
  @ApiProperty({ description: `The whole short description; ${MARKED}` })
  shortDescription!: string;

  @ApiProperty({ description: `The best fragments of the cause; ${MARKED}` })
  cause!: string;

  @ApiProperty({
    description: `The best fragments of the workaround; ${MARKED}`,
    example: 'Restart the <mark>connection</mark> <mark>pool</mark> from the admin console',
  })
  workaround!: string;
}

/** One entry of the known-error database. */
export class KnownErrorResponse implements KnownErrorView {
  @ApiProperty({ format: 'uuid', description: 'The problem' })
  id!: string;

  @ApiProperty({ pattern: '^PRB\\d{7,}$', example: 'PRB0000042' })
  number!: string;

  @ApiProperty()
  shortDescription!: string;

  @ApiProperty({ enum: [...PROBLEM_STATES] })
  state!: ProblemState;

  @ApiProperty({ type: String, nullable: true })
  category!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  configurationItemId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  serviceId!: string | null;

  @ApiProperty({ description: 'The root cause' })
  cause!: string;

  @ApiProperty({ type: String, enum: [...CAUSE_CATEGORIES], nullable: true })
  causeCategory!: string | null;

  @ApiProperty({ description: 'How to restore service until the fix' })
  workaround!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  knownErrorAt!: Date;

  @ApiProperty()
  knownErrorBy!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    description: 'How well it matches q (cover density); null without q',
  })
  rank!: number | null;

  @ApiProperty({
    type: KnownErrorHighlightsResponse,
    nullable: true,
    description: 'The words matching q, marked; null without q',
  })
  highlights!: KnownErrorHighlightsResponse | null;
}
