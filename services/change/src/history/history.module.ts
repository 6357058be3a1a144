import { Module } from '@nestjs/common';
import { HistoryController } from './history.controller';

/** The audit history of a change's fields. */
@Module({ controllers: [HistoryController] })
export class HistoryModule {}
