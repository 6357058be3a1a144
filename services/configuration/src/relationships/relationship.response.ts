import { ApiProperty } from '@nestjs/swagger';
import { CI_STATUSES } from '@itsm/contracts';
import type { CiStatus } from '../cis/domain/ci';
import {
  RELATIONSHIP_TYPES,
  type RelationshipRule,
  type RelationshipType,
} from './domain/relationship-types';
import type { relationshipView, RelationshipsService } from './relationships.service';

type RelationshipView = ReturnType<typeof relationshipView>;
type CiRelationshipView = Awaited<ReturnType<RelationshipsService['ofCi']>>[number];
type RelationshipNames = RelationshipView['names'];
type RelatedCi = CiRelationshipView['ci'];

export class RelationshipNamesResponse implements RelationshipNames {
  @ApiProperty({ example: 'runs_on', description: 'Read from the source' })
  forward!: string;

  @ApiProperty({ example: 'runs', description: 'Read from the target' })
  reverse!: string;
}

export class RelationshipResponse implements RelationshipView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: RELATIONSHIP_TYPES, description: 'The source <type> the target' })
  type!: RelationshipType;

  @ApiProperty({ format: 'uuid' })
  sourceId!: string;

  @ApiProperty({ format: 'uuid' })
  targetId!: string;

  @ApiProperty({ type: RelationshipNamesResponse })
  names!: RelationshipNamesResponse;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export class RelatedCiResponse implements RelatedCi {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'checkout' })
  name!: string;

  @ApiProperty({ example: 'application' })
  className!: string;

  @ApiProperty({ enum: CI_STATUSES })
  operationalStatus!: CiStatus;
}

export class CiRelationshipResponse implements CiRelationshipView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: RELATIONSHIP_TYPES })
  type!: RelationshipType;

  @ApiProperty({
    enum: ['outgoing', 'incoming'],
    description: 'outgoing: this CI is the source',
  })
  direction!: 'outgoing' | 'incoming';

  @ApiProperty({ example: 'runs', description: 'The relationship as read from this CI' })
  name!: string;

  @ApiProperty({ type: RelatedCiResponse, description: 'The CI at the other end' })
  ci!: RelatedCiResponse;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CiRelationshipListResponse {
  @ApiProperty({ type: [CiRelationshipResponse], description: 'By type, then by the other CI' })
  items!: CiRelationshipResponse[];
}

export class RelationshipRuleResponse implements RelationshipRule {
  @ApiProperty({ enum: RELATIONSHIP_TYPES })
  type!: RelationshipType;

  @ApiProperty({ example: 'application', description: 'A class; its subclasses are included' })
  sourceClass!: string;

  @ApiProperty({ example: 'server', description: 'A class; its subclasses are included' })
  targetClass!: string;
}

export class RelationshipRuleListResponse {
  @ApiProperty({ type: [RelationshipRuleResponse], description: 'By type, source, target' })
  items!: RelationshipRuleResponse[];
}
