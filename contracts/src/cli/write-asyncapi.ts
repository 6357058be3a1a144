/** `npm run contracts:asyncapi`: regenerates contracts/asyncapi.yaml from the event definitions. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_FILE, renderAsyncApi } from '../asyncapi/render';

const target = join(__dirname, '..', '..', ASYNCAPI_FILE);
writeFileSync(target, renderAsyncApi());
process.stdout.write(`wrote ${target}\n`);
