import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  AnswersWithETag,
  ApiPage,
  ApiVersionedChange,
  ETAG_HEADER,
  expectedVersion,
  ParseIdPipe,
} from '@itsm/http';
import { FULFILLERS } from '../access';
import { ListTasksQuery, TransitionTaskRequest } from './request.dto';
import { TaskWithItemResponse } from './request.response';
import { RequestsService } from './requests.service';
import { TransitionTask } from './use-cases/transition-task';

@ApiTags('catalog tasks')
@AnswersWithETag()
@Controller('api/v1/catalog-tasks')
export class TasksController {
  constructor(
    private readonly requests: RequestsService,
    private readonly transitionTask: TransitionTask,
  ) {}

  @Get()
  @Roles(...FULFILLERS)
  @ApiOperation({
    operationId: 'listCatalogTasks',
    summary: "The tasks of the caller's groups, newest first (catalog managers: all)",
  })
  @ApiPage(TaskWithItemResponse, 'One page of catalog tasks, newest first')
  list(@Query() query: ListTasksQuery, @CurrentUser() caller: Principal) {
    return this.requests.listTasks(query, caller);
  }

  @Get(':id')
  @Roles(...FULFILLERS)
  @ApiOperation({ operationId: 'getCatalogTask', summary: 'A task with its requested item' })
  @ApiOkResponse({ type: TaskWithItemResponse, headers: ETAG_HEADER })
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    return this.requests.getTask(id, caller);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles(...FULFILLERS)
  @ApiVersionedChange({
    answer: 'The task as moved (the next stage opened, the item fulfilled, as follows)',
    conflicts: 'its state does not allow the move',
    type: TaskWithItemResponse,
  })
  @ApiOperation({
    operationId: 'transitionCatalogTask',
    summary: 'Start or finish a task of one of your groups',
  })
  transition(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: TransitionTaskRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.transitionTask.execute(
      id,
      request.to,
      expectedVersion(ifMatch, request.version),
      caller,
    );
  }
}
