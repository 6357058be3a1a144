import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { problem } from '@itsm/http';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { CALENDAR_CONFIG, type CalendarConfig } from '../calendar-config';
import { CalendarFeed } from '../calendar-feed.entity';
import type { CreateFeedRequest } from '../calendar.dto';
import { feedExpiry } from '../domain/feed-expiry';
import { feedLimitRefusal } from '../domain/feed-limit';
import { feedTokenHash, newFeedToken } from '../feed-tokens';
import { feedPath, feedView } from '../feed-view';

/**
 * Subscribes the caller to a calendar feed: a secret URL for a calendar client, which cannot send
 * a bearer token. The token is answered once and only its hash is kept, so a create is not
 * replayable: a retry makes a second feed (revoke the one not used). The caller's rights are kept
 * with it until it expires (`CHANGE_CALENDAR_FEED_DAYS`). A person holds at most
 * `CHANGE_CALENDAR_FEED_LIMIT` working feeds.
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
    const feed = await this.dataSource.transaction(async (manager) => {
      await this.assertBelowLimit(manager, caller.id, now);
      return manager.save(
        manager.create(CalendarFeed, {
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
    });
    const url = `${feedPath(feed.id)}?token=${token}`;
    return { ...feedView(feed), url, token };
  }

  /** Counted under a lock on the owner, so that two creates at once cannot both pass the limit. */
  private async assertBelowLimit(manager: EntityManager, ownerId: string, now: Date) {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `calendar-feeds:${ownerId}`,
    ]);
    const active = await manager.countBy(CalendarFeed, { ownerId, expiresAt: MoreThan(now) });
    const refusal = feedLimitRefusal(active, this.config.CHANGE_CALENDAR_FEED_LIMIT);
    if (refusal) {
      throw problem(
        HttpStatus.CONFLICT,
        'calendar-feed-limit',
        'Too many calendar feeds',
        `You hold ${refusal.active} working calendar feeds, the most one person may (${refusal.limit}): revoke one you no longer use, or let one expire`,
        { ...refusal },
      );
    }
  }
}
