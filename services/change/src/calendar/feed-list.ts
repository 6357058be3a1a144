import { decodeCursor, pageOf, type PageQuery } from '@itsm/http';
import type { EntityManager } from 'typeorm';
import { CalendarFeed } from './calendar-feed.entity';
import { feedView } from './feed-view';

/**
 * One page of feeds, oldest first (expired ones too, until their owner revokes them): one person's,
 * or everybody's (`ownerId` null), through the indexes on (owner, creation) and on creation.
 */
export async function feedPage(manager: EntityManager, ownerId: string | null, query: PageQuery) {
  const builder = manager
    .createQueryBuilder(CalendarFeed, 'f')
    .orderBy('f.created_at', 'ASC')
    .addOrderBy('f.id', 'ASC')
    .take(query.limit + 1);
  if (ownerId !== null) builder.andWhere('f.owner_id = :ownerId', { ownerId });
  if (query.cursor) {
    const after = decodeCursor(query.cursor, { createdAt: 'timestamp', id: 'uuid' });
    builder.andWhere('(f.created_at, f.id) > (:createdAt::timestamptz, :afterId::uuid)', {
      createdAt: after.createdAt,
      afterId: after.id,
    });
  }
  const page = pageOf(await builder.getMany(), query.limit, (feed) => ({
    createdAt: feed.createdAt.toISOString(),
    id: feed.id,
  }));
  return { ...page, items: page.items.map(feedView) };
}
