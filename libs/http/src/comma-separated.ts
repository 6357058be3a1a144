/**
 * A query list, sent comma-separated (`?state=new,on_hold`) or repeated (`?state=new&state=on_hold`)
 * or both, for `@Transform`. Every item is validated, an empty one too: `?state=` is a list of one
 * empty state, refused, as the OpenAPI document (an array of states) says.
 */
export const commaSeparated = ({ value }: { value: unknown }): unknown => {
  if (typeof value === 'string') return value.split(',');
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => (typeof item === 'string' ? item.split(',') : [item]));
  }
  return value;
};

/** `commaSeparated` for numbers: an item that is not one (an empty one too) stays NaN, refused. */
export const commaSeparatedNumbers = ({ value }: { value: unknown }): unknown => {
  const items = commaSeparated({ value });
  return Array.isArray(items)
    ? items.map((item: unknown) => (item === '' ? Number.NaN : Number(item)))
    : items;
};
