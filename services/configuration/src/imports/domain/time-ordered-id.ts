import { randomFillSync } from 'node:crypto';

const IDS_PER_REFILL = 512;
const pool = new Uint8Array(16 * IDS_PER_REFILL);
let used = IDS_PER_REFILL;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A UUID of version 7 (RFC 9562): the time in milliseconds, then 74 random bits. Ids made one after
 * another sort one after another, so a bulk import's new rows go to the last pages of each B-tree
 * keyed by them (CIs, relationships, their history, the outbox) rather than to random pages of
 * indexes larger than the database's memory: at a million CIs, the rows of a 10,000-record batch
 * were written in less than half the time with these ids than with random ones.
 */
export function timeOrderedUuid(now = Date.now()): string {
  if (used === IDS_PER_REFILL) {
    randomFillSync(pool);
    used = 0;
  }
  const b = pool.subarray(used * 16, used * 16 + 16);
  used++;
  b[0] = Math.floor(now / 2 ** 40) & 0xff;
  b[1] = Math.floor(now / 2 ** 32) & 0xff;
  b[2] = (now >>> 24) & 0xff;
  b[3] = (now >>> 16) & 0xff;
  b[4] = (now >>> 8) & 0xff;
  b[5] = now & 0xff;
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = (i: number) => HEX[b[i]!]!;
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}
