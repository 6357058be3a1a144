import { Module } from '@nestjs/common';
import { CandidateEventsController } from './candidate-events.controller';
import { ChangeCandidates } from './change-candidates';
import { ChangeCandidatesController } from './change-candidates.controller';
import { LinkChangeCandidates } from './use-cases/link-change-candidates';

/** Flow 6: incidents linked to unsuccessful changes as "caused by change" candidates. */
@Module({
  controllers: [ChangeCandidatesController, CandidateEventsController],
  providers: [ChangeCandidates, LinkChangeCandidates],
})
export class ChangeCandidatesModule {}
