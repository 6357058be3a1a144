import {
  Injectable,
  ParseUUIDPipe,
  type ArgumentMetadata,
  type PipeTransform,
} from '@nestjs/common';
import { validationProblem } from './problem';

/**
 * A record id in a path: a UUID in any case, handed on in lower case, so that an id a client
 * wrote in capitals finds, filters and keys events exactly like the id the API issued.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, Promise<string>> {
  private readonly uuid = new ParseUUIDPipe({
    exceptionFactory: () => validationProblem([{ field: 'id', message: 'id must be a UUID' }]),
  });

  async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await this.uuid.transform(value, metadata)).toLowerCase();
  }
}
