import { Module } from '@nestjs/common';
import { CHANGE_CONFIG, changeConfigProvider } from './change-config';

/** The change service's own settings, read once. */
@Module({ providers: [changeConfigProvider], exports: [CHANGE_CONFIG] })
export class ChangeConfigModule {}
