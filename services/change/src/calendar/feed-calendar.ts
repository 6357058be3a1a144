import { Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import type { Role } from '@itsm/auth/rules';
import { DataSource } from 'typeorm';
import { readsEveryChange } from '../changes/domain/change-access';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarReader } from './calendar-reader';
import { blackoutEvent, changeEvent } from './domain/calendar-entries';
import { feedRange } from './domain/calendar-range';
import { writeCalendar } from './domain/icalendar';
import { isFeedToken } from './feed-tokens';

/**
 * A feed as a calendar client reads it: iCalendar text of the last month and the coming year, as its
 * creator may see it. A wrong token is a 404 like a missing feed: nothing tells which feeds exist.
 */
@Injectable()
export class FeedCalendar {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: CalendarReader,
  ) {}

  async text(id: string, token: string, now = new Date()): Promise<string> {
    const feed = await this.dataSource.manager.findOneBy(CalendarFeed, { id });
    if (!feed || !isFeedToken(token, feed.tokenHash)) throw recordNotFound('Calendar feed', id);
    const owner: Principal = {
      id: feed.ownerId,
      kind: 'user',
      roles: new Set(feed.ownerRoles as Role[]),
      groups: new Set(feed.ownerGroups),
    };
    const content = await this.reader.read(feedRange(now), feed.filters, {
      id: owner.id,
      readsEveryChange: readsEveryChange(owner),
    });
    return writeCalendar(feed.name, [
      ...content.changes.map(changeEvent),
      ...content.blackoutWindows.map(blackoutEvent),
    ]);
  }
}
