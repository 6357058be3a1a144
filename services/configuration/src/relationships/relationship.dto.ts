import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches } from 'class-validator';
import { OneOf } from '@itsm/http';
import { RELATIONSHIP_TYPES, type RelationshipType } from './domain/relationship-types';

export class CreateRelationshipRequest {
  @ApiProperty({
    enum: RELATIONSHIP_TYPES,
    description: 'Read from the source: the source depends_on the target',
  })
  @OneOf(RELATIONSHIP_TYPES)
  type!: RelationshipType;

  @ApiProperty() @IsUUID() sourceId!: string;
  @ApiProperty() @IsUUID() targetId!: string;
}

export class RelationshipRuleRequest {
  @ApiProperty({ enum: RELATIONSHIP_TYPES })
  @OneOf(RELATIONSHIP_TYPES)
  type!: RelationshipType;

  @ApiProperty({ example: 'application' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,62}$/)
  sourceClass!: string;

  @ApiProperty({ example: 'server' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,62}$/)
  targetClass!: string;
}
