import { Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { DataSource } from 'typeorm';
import { CalendarFeed } from '../calendar-feed.entity';

/** Revokes one of the caller's feeds: its URL answers 404 from now on. Others' feeds are 404. */
@Injectable()
export class RevokeFeed {
  constructor(private readonly dataSource: DataSource) {}

  async execute(id: string, caller: Principal): Promise<void> {
    const { affected } = await this.dataSource.manager.delete(CalendarFeed, {
      id,
      ownerId: caller.id,
    });
    if (!affected) throw recordNotFound('Calendar feed', id);
  }
}
