import { stringify } from 'yaml';
import { asyncApiDocument } from './asyncapi-document';

export const ASYNCAPI_FILE = 'asyncapi.yaml';

/** The committed text of contracts/asyncapi.yaml. */
export function renderAsyncApi(): string {
  return `# Generated from contracts/src by \`npm run contracts:asyncapi\`. Do not edit.\n${stringify(asyncApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
