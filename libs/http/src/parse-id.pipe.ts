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
  async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    const field = metadata.data ?? 'id';
    const uuid = new ParseUUIDPipe({
      exceptionFactory: () => validationProblem([{ field, message: `${field} must be a UUID` }]),
    });
    return (await uuid.transform(value, metadata)).toLowerCase();
  }
}
