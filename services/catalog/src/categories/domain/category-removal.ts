/**
 * Why a category may not be removed: catalog items are shown under it. Every version counts, a
 * retired one too, since the requests made from it keep it as it was.
 */
export function removalRefusal(itemsUsing: number): string | undefined {
  if (itemsUsing === 0) return undefined;
  const items = itemsUsing === 1 ? '1 catalog item uses' : `${itemsUsing} catalog items use`;
  return `${items} it in one of their versions`;
}
