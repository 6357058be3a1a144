import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { problem, ParseIdPipe } from '@itsm/http';
import { DataSource } from 'typeorm';
import { READERS, WRITERS } from '../access';
import { CreateRelationshipRequest, RelationshipRuleRequest } from './relationship.dto';
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
    summary: 'Relate two CIs; the class pair must be allowed by a relationship rule',
  })
  create(@Body() request: CreateRelationshipRequest, @CurrentUser() caller: Principal) {
    return this.relationships.create(request, caller.id);
  }

  @Delete('relationships/:id')
  @HttpCode(204)
  @Roles(...WRITERS)
  async delete(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    await this.relationships.delete(id, caller.id);
  }

  @Get('cis/:id/relationships')
  @Roles(...READERS)
  @ApiOperation({ summary: "A CI's relationships in both directions, each named as read from it" })
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
  async rules() {
    return { items: await this.relationships.rules() };
  }

  @Post('relationship-rules')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Allow a relationship type between two classes (and their subclasses)' })
  addRule(@Body() request: RelationshipRuleRequest) {
    return this.relationships.addRule(request);
  }

  @Post('relationship-rules/remove')
  @HttpCode(204)
  @Roles(...WRITERS)
  async removeRule(@Body() request: RelationshipRuleRequest) {
    await this.relationships.removeRule(request);
  }
}
