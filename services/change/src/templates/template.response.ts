import { ApiProperty } from '@nestjs/swagger';
import { VERSION_STATES, type VersionedState } from '@itsm/versioning';
import type { TemplateVersionView, TemplateView } from './template-view';

const nullableText = { type: String, nullable: true };
const nullableTime = { type: String, format: 'date-time', nullable: true };

/** One version of a template: what a standard change made from it copies. */
export class TemplateVersionResponse implements TemplateVersionView {
  @ApiProperty({ type: 'integer', minimum: 1 })
  version!: number;

  @ApiProperty({ enum: VERSION_STATES })
  state!: VersionedState;

  @ApiProperty({ example: 'Restart an application server' })
  shortDescription!: string;

  @ApiProperty(nullableText)
  description!: string | null;

  @ApiProperty()
  justification!: string;

  @ApiProperty()
  implementationPlan!: string;

  @ApiProperty()
  backoutPlan!: string;

  @ApiProperty()
  testPlan!: string;

  @ApiProperty({ ...nullableText, description: 'Where its changes go unless their author says' })
  assignmentGroup!: string | null;

  @ApiProperty()
  editedBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  editedAt!: Date;

  @ApiProperty(nullableText)
  publishedBy!: string | null;

  @ApiProperty(nullableTime)
  publishedAt!: Date | null;

  @ApiProperty(nullableTime)
  retiredAt!: Date | null;
}

/** A standard-change template of the catalogue, with all its versions. */
export class TemplateResponse implements TemplateView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Restart an application server' })
  name!: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The version standard changes are made from; null when none is published',
  })
  publishedVersion!: number | null;

  @ApiProperty({ type: [TemplateVersionResponse], description: 'Newest first' })
  versions!: TemplateVersionResponse[];

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'For If-Match (or `version` in the body): not the template version',
  })
  version!: number;
}
