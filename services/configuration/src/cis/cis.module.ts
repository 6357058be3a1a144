import { Module } from '@nestjs/common';
import { ClassesModule } from '../classes/classes.module';
import { RelationshipsModule } from '../relationships/relationships.module';
import { CisController } from './cis.controller';
import { CisService } from './cis.service';

@Module({
  imports: [ClassesModule, RelationshipsModule],
  controllers: [CisController],
  providers: [CisService],
  exports: [CisService],
})
export class CisModule {}
