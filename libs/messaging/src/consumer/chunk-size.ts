import { DEFAULT_CHUNK_SIZE } from './consumed-event';

/**
 * A subscription's chunk once one more of its handlers (`pattern`) is bound: the smallest any of
 * them asks for, since they share one consumer and its transactions. A size above the default is
 * refused rather than silently applied as the default.
 */
export function subscriptionChunkSize(
  pattern: string,
  current: number,
  asked: number | undefined,
): number {
  if (asked === undefined) return current;
  if (!Number.isInteger(asked) || asked < 1 || asked > DEFAULT_CHUNK_SIZE) {
    throw new Error(
      `@OnEvent('${pattern}'): chunkSize must be an integer from 1 to ${DEFAULT_CHUNK_SIZE}`,
    );
  }
  return Math.min(current, asked);
}
