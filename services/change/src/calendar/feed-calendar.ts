import { Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import type { Role } from '@itsm/auth/rules';
import { DataSource } from 'typeorm';
import { readsEveryChange } from '../changes/domain/change-access';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarReader, MAX_CALENDAR_CHANGES } from './calendar-reader';
import { blackoutEvent, changeEvent } from './domain/calendar-entries';
import { feedRange } from './domain/calendar-range';
import { isFeedExpired } from './domain/feed-expiry';
import { writeCalendar } from './domain/icalendar';
import { isFeedToken } from './feed-tokens';

/** A feed's text, and whether more changes overlap its range than it holds. */
export interface FeedText {
  text: string;
  truncated: boolean;
}

/** Said in the calendar itself, since a calendar client shows no HTTP header to its user. */
export const TRUNCATED_NOTE = `Only the first ${MAX_CALENDAR_CHANGES.toLocaleString('en')} changes are shown: narrow this feed's filters`;

/**
 * A feed as a calendar client reads it: iCalendar text of the last month and the coming year, as its
 * creator may see it. A wrong token or an expired feed is a 404 like a missing feed: nothing tells
 * which feeds exist.
 */
@Injectable()
export class FeedCalendar {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: CalendarReader,
  ) {}

  async text(id: string, token: string, now = new Date()): Promise<FeedText> {
    const feed = await this.dataSource.manager.findOneBy(CalendarFeed, { id });
    if (!feed || !isFeedToken(token, feed.tokenHash) || isFeedExpired(feed.expiresAt, now)) {
      throw recordNotFound('Calendar feed', id);
    }
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
    const text = writeCalendar(
      feed.name,
      [...content.changes.map(changeEvent), ...content.blackoutWindows.map(blackoutEvent)],
      content.truncated ? TRUNCATED_NOTE : undefined,
    );
    return { text, truncated: content.truncated };
  }
}
