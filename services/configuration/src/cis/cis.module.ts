import { Module } from '@nestjs/common';
import { ClassesModule } from '../classes/classes.module';
import { HistoryController } from '../history/history.controller';
import { RelationshipsModule } from '../relationships/relationships.module';
import { CisController } from './cis.controller';
import { CisService } from './cis.service';

@Module({
  imports: [ClassesModule, RelationshipsModule],
  controllers: [CisController, HistoryController],
  providers: [CisService],
  exports: [CisService],
})
export class CisModule {}
