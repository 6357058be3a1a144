import { Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { decodeCursor, pageOf } from '@itsm/http';
import { DataSource } from 'typeorm';
import { readsEveryChange } from '../changes/domain/change-access';
import { frozenChanges } from '../conflicts/frozen-changes';
import {
  asBlackout,
  blackoutDetailView,
  blackoutView,
  type BlackoutDetailView,
} from './blackout-view';
import { BlackoutWindow } from './blackout-window.entity';
import type { ListBlackoutsQuery } from './blackout.dto';

/** Reading freezes: everybody who reads changes may know when changes are frozen. */
@Injectable()
export class BlackoutsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The freeze, with the planned changes it stops among those the caller may see. */
  async get(id: string, caller: Principal): Promise<BlackoutDetailView> {
    const manager = this.dataSource.manager;
    const blackout = await manager.findOneBy(BlackoutWindow, { id });
    if (!blackout) throw recordNotFound('Blackout window', id);
    const requesterId = readsEveryChange(caller) ? null : caller.id;
    return blackoutDetailView(
      blackout,
      await frozenChanges(manager, asBlackout(blackout), requesterId),
    );
  }

  async exists(id: string): Promise<void> {
    const found = await this.dataSource.manager.existsBy(BlackoutWindow, { id });
    if (!found) throw recordNotFound('Blackout window', id);
  }

  async list(query: ListBlackoutsQuery) {
    const builder = this.dataSource.manager
      .createQueryBuilder(BlackoutWindow, 'b')
      .orderBy('b.starts_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .take(query.limit + 1);
    if (query.from) builder.andWhere('b.ends_at > :from', { from: new Date(query.from) });
    if (query.to) builder.andWhere('b.starts_at < :to', { to: new Date(query.to) });
    if (query.ci) {
      builder.andWhere(`(b.scope = 'global' OR b.ci_ids @> ARRAY[:ci]::uuid[])`, { ci: query.ci });
    }
    if (query.service) {
      builder.andWhere(`(b.scope = 'global' OR b.service_ids @> ARRAY[:service]::uuid[])`, {
        service: query.service,
      });
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor, { start: 'timestamp', id: 'uuid' });
      builder.andWhere('(b.starts_at, b.id) > (:start::timestamptz, :afterId::uuid)', {
        start: after.start,
        afterId: after.id,
      });
    }
    const page = pageOf(await builder.getMany(), query.limit, (b) => ({
      start: b.start.toISOString(),
      id: b.id,
    }));
    return { ...page, items: page.items.map(blackoutView) };
  }
}
