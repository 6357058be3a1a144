import type { DataSource } from 'typeorm';
import type { CalendarFeed } from './calendar-feed.entity';
import type { CalendarContent, CalendarReader } from './calendar-reader';
import { escapeText } from './domain/icalendar';
import { FeedCalendar, TRUNCATED_NOTE } from './feed-calendar';
import { feedTokenHash } from './feed-tokens';
import { FeedsController, TRUNCATED_HEADER } from './feeds.controller';

describe('a feed as a calendar client reads it', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const feed: CalendarFeed = {
    id: 'f1',
    tokenHash: feedTokenHash('secret'),
    ownerId: 'nina',
    ownerRoles: ['agent'],
    ownerGroups: [],
    name: 'Everything',
    filters: {},
    createdAt: new Date('2026-11-01T00:00:00Z'),
    expiresAt: new Date('2027-01-30T00:00:00Z'),
  };
  const feeds = (content: Partial<CalendarContent>, stored: CalendarFeed = feed) =>
    new FeedCalendar(
      { manager: { findOneBy: async () => stored } } as unknown as DataSource,
      {
        read: async () => ({ changes: [], blackoutWindows: [], truncated: false, ...content }),
      } as unknown as CalendarReader,
    );

  it('says in the calendar itself when it holds fewer changes than overlap its range', async () => {
    const { text, truncated } = await feeds({ truncated: true }).text('f1', 'secret', now);
    expect(truncated).toBe(true);
    expect(TRUNCATED_NOTE).toContain('5,000');
    expect(text.replace(/\r\n /g, '')).toContain(`X-WR-CALDESC:${escapeText(TRUNCATED_NOTE)}`);
  });

  it('says nothing of the kind when it holds every change', async () => {
    const { text, truncated } = await feeds({}).text('f1', 'secret', now);
    expect(truncated).toBe(false);
    expect(text).not.toContain('X-WR-CALDESC');
  });

  it('answers 404 once the feed has expired, even with its token', async () => {
    const expired = { ...feed, expiresAt: new Date('2026-12-01T09:59:59Z') };
    await expect(feeds({}, expired).text('f1', 'secret', now)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('sends X-ITSM-Truncated: true with a truncated feed, and no such header otherwise', async () => {
    const sent = async (truncated: boolean) => {
      const headers: Record<string, string> = {};
      const reply = {
        header(name: string, value: string) {
          headers[name] = value;
          return reply;
        },
      };
      const controller = new FeedsController(
        undefined as unknown as DataSource,
        undefined as never,
        undefined as never,
        { text: async () => ({ text: 'BEGIN:VCALENDAR', truncated }) } as unknown as FeedCalendar,
      );
      await controller.ics('f1', { token: 'secret' }, reply as never);
      return headers;
    };
    expect((await sent(true))[TRUNCATED_HEADER]).toBe('true');
    expect(await sent(false)).not.toHaveProperty(TRUNCATED_HEADER);
  });
});
