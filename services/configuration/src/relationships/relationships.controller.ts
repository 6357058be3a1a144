import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { ApiProblem, ParseIdPipe, problem } from '@itsm/http';
import { DataSource } from 'typeorm';
import { READERS, WRITERS } from '../access';
import { CreateRelationshipRequest, RelationshipRuleRequest } from './relationship.dto';
import {
  CiRelationshipListResponse,
  RelationshipResponse,
  RelationshipRuleListResponse,
  RelationshipRuleResponse,
} from './relationship.response';
import { RelationshipsService } from './relationships.service';

@ApiTags('relationships')
@Controller('api/v1')
export class RelationshipsController {
  constructor(
    private readonly relationships: RelationshipsService,
    private readonly dataSource: DataSource,
  ) {}

  @Post('relationships')
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'createRelationship',
    summary: 'Relate two CIs; the class pair must be allowed by a relationship rule',
  })
  @ApiCreatedResponse({
    description: 'The relationship, created',
    type: RelationshipResponse,
    links: {
      DeleteRelationship: {
        operationId: 'deleteRelationship',
        parameters: { id: '$response.body#/id' },
      },
      SourceRelationships: {
        operationId: 'listCiRelationships',
        parameters: { id: '$response.body#/sourceId' },
      },
      TargetRelationships: {
        operationId: 'listCiRelationships',
        parameters: { id: '$response.body#/targetId' },
      },
    },
  })
  @ApiProblem(409, 'The two CIs are related so already, or one of them is retired')
  create(@Body() request: CreateRelationshipRequest, @CurrentUser() caller: Principal) {
    return this.relationships.create(request, caller.id);
  }

  @Delete('relationships/:id')
  @HttpCode(204)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'deleteRelationship',
    summary: 'Remove a relationship; both CIs keep a line of it in their history',
  })
  @ApiNoContentResponse({ description: 'The relationship is removed' })
  async delete(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    await this.relationships.delete(id, caller.id);
  }

  @Get('cis/:id/relationships')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'listCiRelationships',
    summary: "A CI's relationships in both directions, each named as read from it",
  })
  @ApiOkResponse({ description: "The CI's relationships", type: CiRelationshipListResponse })
  async ofCi(@Param('id', ParseIdPipe) id: string) {
    const [exists] = (await this.dataSource.query(
      'SELECT 1 FROM configuration_items WHERE id = $1',
      [id],
    )) as unknown[];
    if (!exists) throw problem(404, 'not-found', 'CI not found', `No CI ${id}`);
    return { items: await this.relationships.ofCi(id) };
  }

  @Get('relationship-rules')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'listRelationshipRules',
    summary: 'The relationship types allowed between classes',
  })
  @ApiOkResponse({ description: 'Every rule', type: RelationshipRuleListResponse })
  async rules() {
    return { items: await this.relationships.rules() };
  }

  @Post('relationship-rules')
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'addRelationshipRule',
    summary: 'Allow a relationship type between two classes (and their subclasses)',
  })
  @ApiCreatedResponse({
    description: 'The rule, added (or kept, if it existed)',
    type: RelationshipRuleResponse,
  })
  addRule(@Body() request: RelationshipRuleRequest) {
    return this.relationships.addRule(request);
  }

  @Post('relationship-rules/remove')
  @HttpCode(204)
  @Roles(...WRITERS)
  @ApiOperation({
    operationId: 'removeRelationshipRule',
    summary: 'Stop allowing a relationship type between two classes; existing ones are kept',
  })
  @ApiNoContentResponse({ description: 'The rule is removed' })
  @ApiProblem(404, 'No such rule')
  async removeRule(@Body() request: RelationshipRuleRequest) {
    await this.relationships.removeRule(request);
  }
}
