import { Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { DataSource } from 'typeorm';
import { CalendarFeed } from '../calendar-feed.entity';
import { managesEveryFeed } from '../domain/feed-access';

/**
 * Revokes a feed: its URL answers 404 from now on. Its creator may, and change managers may revoke
 * anybody's (a leaked URL, a person who left); anybody else's feed is 404 to the rest.
 */
@Injectable()
export class RevokeFeed {
  constructor(private readonly dataSource: DataSource) {}

  async execute(id: string, caller: Principal): Promise<void> {
    const { affected } = await this.dataSource.manager.delete(CalendarFeed, {
      id,
      ...(managesEveryFeed(caller) ? {} : { ownerId: caller.id }),
    });
    if (!affected) throw recordNotFound('Calendar feed', id);
  }
}
