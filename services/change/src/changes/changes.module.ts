import { Module } from '@nestjs/common';
import { TemplatesModule } from '../templates/templates.module';
import { ChangeAuthorisation, ChangeManagerAuthorises } from './change-authorisation';
import { ChangeWriter } from './change-writer';
import { ChangesController } from './changes.controller';
import { ChangesService } from './changes.service';
import { CreateChange } from './use-cases/create-change';
import { TransitionChange } from './use-cases/transition-change';
import { UpdateChange } from './use-cases/update-change';

/** Changes: reading them, and one provider per use case that changes them. */
@Module({
  imports: [TemplatesModule],
  controllers: [ChangesController],
  providers: [
    ChangesService,
    ChangeWriter,
    { provide: ChangeAuthorisation, useClass: ChangeManagerAuthorises },
    CreateChange,
    UpdateChange,
    TransitionChange,
  ],
  exports: [ChangesService],
})
export class ChangesModule {}
