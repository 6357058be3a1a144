import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '@itsm/persistence';
import { databaseUrlFor } from '@itsm/local-stack';
import { testPostgresUrl } from './infrastructure';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file, dropped when the file is done. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const url = databaseUrlFor(testPostgresUrl(), name);
  await ensureDatabase(url);
  return { url, name, drop: () => dropDatabase(url) };
}
