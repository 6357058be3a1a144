import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { ApiPage, ApiProblem, ParseIdPipe, problem, Public } from '@itsm/http';
import { DataSource } from 'typeorm';
import { ANYONE } from '../access';
import { CreateFeedRequest, FeedQuery, ListFeedsQuery } from './calendar.dto';
import { CreatedFeedResponse, FEED_LIMIT_SCHEMA, FeedResponse } from './calendar.response';
import { managesEveryFeed } from './domain/feed-access';
import { FeedCalendar } from './feed-calendar';
import { feedPage } from './feed-list';
import { CreateFeed } from './use-cases/create-feed';
import { RevokeFeed } from './use-cases/revoke-feed';

/** The OpenAPI security scheme of a feed's `token` query parameter (libs/http declares it). */
const CALENDAR_FEED_TOKEN = 'calendarFeedToken';
/** Set when the feed holds fewer changes than overlap its range. */
export const TRUNCATED_HEADER = 'x-itsm-truncated';

@ApiTags('calendar')
@Controller('api/v1/calendar/feeds')
export class FeedsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly createFeed: CreateFeed,
    private readonly revokeFeed: RevokeFeed,
    private readonly feeds: FeedCalendar,
  ) {}

  @Post()
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'createCalendarFeed',
    summary:
      'Subscribe to the change calendar from Outlook or Google: a secret iCalendar URL showing what the caller may see',
  })
  @ApiCreatedResponse({ type: CreatedFeedResponse })
  @ApiResponse({
    status: 409,
    description:
      'The caller already holds the most working feeds one person may (`calendar-feed-limit`, CHANGE_CALENDAR_FEED_LIMIT): revoke one first',
    content: { 'application/problem+json': { schema: FEED_LIMIT_SCHEMA } },
  })
  create(@Body() request: CreateFeedRequest, @CurrentUser() caller: Principal) {
    return this.createFeed.execute(request, caller);
  }

  @Get()
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'listCalendarFeeds',
    summary:
      'The caller’s feeds, or with `all=true` everybody’s (change managers), not their tokens',
  })
  @ApiPage(FeedResponse, 'One page of feeds, oldest first (expired ones too, until revoked)')
  @ApiProblem(403, '`all=true` from anybody but a change manager')
  async list(@Query() query: ListFeedsQuery, @CurrentUser() caller: Principal) {
    if (query.all && !managesEveryFeed(caller)) {
      throw problem(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Only change managers list every feed',
        'Leave out all=true to list your own feeds',
      );
    }
    return feedPage(this.dataSource.manager, query.all ? null : caller.id, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'revokeCalendarFeed',
    summary: 'Revoke one of the caller’s feeds; change managers may revoke anybody’s',
  })
  @ApiNoContentResponse({ description: 'Revoked: its URL answers 404' })
  async revoke(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    await this.revokeFeed.execute(id, caller);
  }

  @Get(':feedId.ics')
  @Public()
  // Not the bearer token: the feed's secret in the query is the credential (README.md).
  @ApiSecurity(CALENDAR_FEED_TOKEN)
  @ApiOperation({
    operationId: 'getCalendarFeed',
    summary:
      'The feed as iCalendar (RFC 5545): changes and freezes of the last month and the coming year; the token is the credential',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'VCALENDAR with one VEVENT per change and freeze',
    schema: { type: 'string' },
    headers: {
      [TRUNCATED_HEADER]: {
        description:
          'Present when more than 5,000 changes overlap the range: only the first are shown (the calendar’s X-WR-CALDESC says so too)',
        schema: { type: 'string', enum: ['true'] },
      },
    },
  })
  async ics(
    @Param('feedId', ParseIdPipe) id: string,
    @Query() query: FeedQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { text, truncated } = await this.feeds.text(id, query.token);
    void reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300');
    if (truncated) void reply.header(TRUNCATED_HEADER, 'true');
    return text;
  }
}
