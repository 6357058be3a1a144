import { Module } from '@nestjs/common';
import { ProblemWriter } from './problem-writer';
import { ProblemsController } from './problems.controller';
import { ProblemsService } from './problems.service';
import { CreateProblem } from './use-cases/create-problem';
import { OpenProblem } from './use-cases/open-problem';
import { TransitionProblem } from './use-cases/transition-problem';
import { UpdateProblem } from './use-cases/update-problem';

/** Problems: reading them, and one provider per use case that changes them. */
@Module({
  controllers: [ProblemsController],
  providers: [
    ProblemsService,
    ProblemWriter,
    OpenProblem,
    CreateProblem,
    UpdateProblem,
    TransitionProblem,
  ],
  exports: [ProblemWriter, OpenProblem],
})
export class ProblemsModule {}
