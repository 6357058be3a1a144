import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { DataSource } from 'typeorm';
import { CALENDAR_CONFIG, type CalendarConfig } from '../calendar-config';
import { CalendarFeed } from '../calendar-feed.entity';
import type { CreateFeedRequest } from '../calendar.dto';
import { feedExpiry } from '../domain/feed-expiry';
import { feedTokenHash, newFeedToken } from '../feed-tokens';
import { feedPath, feedView } from '../feed-view';

/**
 * Subscribes the caller to a calendar feed: a secret URL for a calendar client, which cannot send
 * a bearer token. The token is answered once and only its hash is kept, so a create is not
 * replayable: a retry makes a second feed (revoke the one not used). The caller's rights are kept
 * with it until it expires (`CHANGE_CALENDAR_FEED_DAYS`).
 */
@Injectable()
export class CreateFeed {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CALENDAR_CONFIG) private readonly config: CalendarConfig,
  ) {}

  async execute(request: CreateFeedRequest, caller: Principal, now = new Date()) {
    const token = newFeedToken();
    const { name, ci, service, type, state } = request;
    const feed = await this.dataSource.manager.save(
      this.dataSource.manager.create(CalendarFeed, {
        tokenHash: feedTokenHash(token),
        ownerId: caller.id,
        ownerRoles: [...caller.roles],
        ownerGroups: [...caller.groups],
        name,
        createdAt: now,
        expiresAt: feedExpiry(now, this.config.CHANGE_CALENDAR_FEED_DAYS),
        filters: {
          ...(ci && { ci }),
          ...(service && { service }),
          ...(type && { type }),
          ...(state && { state }),
        },
      }),
    );
    const url = `${feedPath(feed.id)}?token=${token}`;
    return { ...feedView(feed), url, token };
  }
}
