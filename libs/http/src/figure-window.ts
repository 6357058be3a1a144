import { ApiPropertyOptional } from '@nestjs/swagger';
import { Omittable } from './omittable.decorator';
import { validationProblem } from './problem';
import { IsTimestamp } from './timestamp';

const DAY_MS = 24 * 3600 * 1000;
/** A year and a day: the figures aggregate every record opened in the window, so it is bounded. */
export const FIGURE_WINDOW_MAX_DAYS = 366;

/** `?from&to` of a figures endpoint (`GET /api/v1/<practice>-metrics`): the records opened in between. */
export class FigureWindowQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description: `Default: 30 days before \`to\`; at most ${FIGURE_WINDOW_MAX_DAYS} days before it`,
  })
  @Omittable()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @Omittable()
  @IsTimestamp()
  to?: string;
}

/** A figures window: from `from` (inclusive) to `to` (exclusive). */
export interface FigureWindow {
  from: Date;
  to: Date;
}

/**
 * The window a figures query asks for: `to` defaults to now, `from` to 30 days before it; an empty
 * one, or one longer than FIGURE_WINDOW_MAX_DAYS, is a 400 naming `from`.
 */
export function figureWindow(query: FigureWindowQuery, now = new Date()): FigureWindow {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to) throw validationProblem([{ field: 'from', message: 'from must be before to' }]);
  if (to.getTime() - from.getTime() > FIGURE_WINDOW_MAX_DAYS * DAY_MS)
    throw validationProblem([
      {
        field: 'from',
        message: `from must be at most ${FIGURE_WINDOW_MAX_DAYS} days before to`,
      },
    ]);
  return { from, to };
}
