import { Module } from '@nestjs/common';
import { ClassesModule } from '../classes/classes.module';
import { ImportsController } from './imports.controller';
import { ImportWriter } from './import-writer';
import { RunImport } from './run-import';

@Module({
  imports: [ClassesModule],
  controllers: [ImportsController],
  providers: [RunImport, ImportWriter],
})
export class ImportsModule {}
