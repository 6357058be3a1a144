import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { ParseIdPipe, Public } from '@itsm/http';
import { DataSource } from 'typeorm';
import { ANYONE } from '../access';
import { CalendarFeed } from './calendar-feed.entity';
import { CreateFeedRequest, FeedQuery } from './calendar.dto';
import { CreatedFeedResponse, FeedsResponse } from './calendar.response';
import { FeedCalendar } from './feed-calendar';
import { feedView } from './feed-view';
import { CreateFeed } from './use-cases/create-feed';
import { RevokeFeed } from './use-cases/revoke-feed';

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
  create(@Body() request: CreateFeedRequest, @CurrentUser() caller: Principal) {
    return this.createFeed.execute(request, caller);
  }

  @Get()
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'listCalendarFeeds',
    summary: 'The caller’s feeds (not their tokens)',
  })
  @ApiOkResponse({ type: FeedsResponse })
  async list(@CurrentUser() caller: Principal) {
    const feeds = await this.dataSource.manager.find(CalendarFeed, {
      where: { ownerId: caller.id },
      order: { createdAt: 'ASC' },
    });
    return { items: feeds.map(feedView) };
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...ANYONE)
  @ApiOperation({ operationId: 'revokeCalendarFeed', summary: 'Revoke one of the caller’s feeds' })
  @ApiNoContentResponse({ description: 'Revoked: its URL answers 404' })
  async revoke(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    await this.revokeFeed.execute(id, caller);
  }

  @Get(':feedId.ics')
  @Public()
  @ApiOperation({
    operationId: 'getCalendarFeed',
    summary:
      'The feed as iCalendar (RFC 5545): changes and freezes of the last month and the coming year; the token is the credential',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'VCALENDAR with one VEVENT per change and freeze',
    schema: { type: 'string' },
  })
  async ics(
    @Param('feedId', ParseIdPipe) id: string,
    @Query() query: FeedQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const text = await this.feeds.text(id, query.token);
    void reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300');
    return text;
  }
}
