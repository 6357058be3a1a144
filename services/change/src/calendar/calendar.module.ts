import { Module } from '@nestjs/common';
import { calendarConfigProvider } from './calendar-config';
import { CalendarController } from './calendar.controller';
import { CalendarReader } from './calendar-reader';
import { FeedCalendar } from './feed-calendar';
import { FeedsController } from './feeds.controller';
import { CreateFeed } from './use-cases/create-feed';
import { RevokeFeed } from './use-cases/revoke-feed';

/** The change calendar over a range, and the iCalendar feeds calendar clients subscribe to. */
@Module({
  controllers: [CalendarController, FeedsController],
  providers: [calendarConfigProvider, CalendarReader, FeedCalendar, CreateFeed, RevokeFeed],
})
export class CalendarModule {}
