import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { DataSource } from 'typeorm';
import { CalendarFeed } from '../calendar-feed.entity';
import type { CreateFeedRequest } from '../calendar.dto';
import { feedTokenHash, newFeedToken } from '../feed-tokens';
import { feedPath, feedView } from '../feed-view';

/**
 * Subscribes the caller to a calendar feed: a secret URL for a calendar client, which cannot send
 * a bearer token. The token is answered once and only its hash is kept, so a create is not
 * replayable: a retry makes a second feed (revoke the one not used).
 */
@Injectable()
export class CreateFeed {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: CreateFeedRequest, caller: Principal) {
    const token = newFeedToken();
    const { name, ci, service, type, state } = request;
    const feed = await this.dataSource.manager.save(
      this.dataSource.manager.create(CalendarFeed, {
        tokenHash: feedTokenHash(token),
        ownerId: caller.id,
        ownerRoles: [...caller.roles],
        ownerGroups: [...caller.groups],
        name,
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
