import { Module } from '@nestjs/common';
import { ProblemsModule } from '../problems/problems.module';
import { KnownErrorSearch } from './known-error-search';
import { KnownErrorsController } from './known-errors.controller';
import { PublishKnownError } from './use-cases/publish-known-error';

/** The known-error database: publishing a problem's workaround, and searching it. */
@Module({
  imports: [ProblemsModule],
  controllers: [KnownErrorsController],
  providers: [KnownErrorSearch, PublishKnownError],
})
export class KnownErrorsModule {}
