/** The most characters a change's short description holds (the `changes` table checks it too). */
export const MAX_SHORT_DESCRIPTION = 160;

/**
 * The catalog's summary as the short description of the change raised for it. The catalog writes it
 * as "<catalog item name> for <item number>", and a name may take 160 characters itself: a summary
 * longer than a change holds is cut to fit, an ellipsis saying so. Counted in code points, as
 * PostgreSQL counts, so that no surrogate pair is split.
 */
export function standardChangeSummary(summary: string): string {
  const characters = Array.from(summary);
  if (characters.length <= MAX_SHORT_DESCRIPTION) return summary;
  return `${characters.slice(0, MAX_SHORT_DESCRIPTION - 1).join('')}…`;
}
