import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import { validationProblem } from '@itsm/http';
import { ANYONE } from '../access';
import { readsEveryChange } from '../changes/domain/change-access';
import { CalendarReader } from './calendar-reader';
import { CalendarQuery } from './calendar.dto';
import { CalendarResponse } from './calendar.response';
import { rangeErrors } from './domain/calendar-range';

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly reader: CalendarReader) {}

  @Get()
  @Roles(...ANYONE)
  @ApiOperation({
    operationId: 'getChangeCalendar',
    summary:
      'The changes the caller may see and the freezes over a range, by CI, business service, type and state',
  })
  @ApiOkResponse({ type: CalendarResponse })
  async calendar(@Query() query: CalendarQuery, @CurrentUser() caller: Principal) {
    const range = { from: new Date(query.from), to: new Date(query.to) };
    const errors = rangeErrors(range.from, range.to);
    if (errors.length > 0) throw validationProblem(errors);
    const content = await this.reader.read(range, query, {
      id: caller.id,
      readsEveryChange: readsEveryChange(caller),
    });
    return { ...range, ...content };
  }
}
