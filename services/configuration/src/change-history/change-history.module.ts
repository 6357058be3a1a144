import { Module } from '@nestjs/common';
import { ChangeHistoryController } from './change-history.controller';

/** Flow 6: closed changes in the history of their CIs. */
@Module({ controllers: [ChangeHistoryController] })
export class ChangeHistoryModule {}
