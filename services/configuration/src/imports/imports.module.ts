import { Module } from '@nestjs/common';
import { ClassesModule } from '../classes/classes.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({ imports: [ClassesModule], controllers: [ImportsController], providers: [ImportsService] })
export class ImportsModule {}
