import { Module } from '@nestjs/common';
import { HistoryController } from './history.controller';

/** The audit history of requests, requested items and catalog tasks. */
@Module({ controllers: [HistoryController] })
export class HistoryModule {}
