import { Module } from '@nestjs/common';
import { HistoryController } from './history.controller';

/** The audit history of a problem's fields. */
@Module({ controllers: [HistoryController] })
export class HistoryModule {}
