import { Module } from '@nestjs/common';
import { PriorityMatrixController } from './priority-matrix.controller';
import { PriorityMatrixService } from './priority-matrix.service';

@Module({
  controllers: [PriorityMatrixController],
  providers: [PriorityMatrixService],
  exports: [PriorityMatrixService],
})
export class PriorityModule {}
