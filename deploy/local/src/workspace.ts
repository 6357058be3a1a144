import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder above this file that holds nx.json. */
export function workspaceRoot(from = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No nx.json above ${from}: is this the ITSM workspace?`);
    dir = parent;
  }
  return dir;
}

/** Git-ignored state of the local stack: data folders, logs, pid files. */
export function localStateDir(): string {
  return process.env.ITSM_LOCAL_DIR ?? join(workspaceRoot(), '.local');
}

/** A short, stable name for this checkout, so two checkouts never share a fallback folder. */
export function checkoutId(): string {
  return createHash('sha1').update(workspaceRoot()).digest('hex').slice(0, 8);
}
