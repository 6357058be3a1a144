import type { CalendarFeed } from './calendar-feed.entity';

/** Where a feed is served; the token goes in the query. */
export const feedPath = (id: string) => `/api/v1/calendar/feeds/${id}.ics`;

export function feedView(feed: CalendarFeed) {
  return {
    id: feed.id,
    name: feed.name,
    ownerId: feed.ownerId,
    filters: feed.filters,
    createdAt: feed.createdAt,
    expiresAt: feed.expiresAt,
  };
}
