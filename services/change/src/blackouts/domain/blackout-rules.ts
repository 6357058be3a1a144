import type { FieldError } from '@itsm/http';
import type { BlackoutScope } from '../../conflicts/domain/conflict-rules';
import { isEmptyWindow } from '../../conflicts/domain/window';

/** What a freeze is: a window, and where it applies. */
export interface BlackoutFields {
  name: string;
  reason: string | null;
  start: Date;
  end: Date;
  scope: BlackoutScope;
  ciIds: string[];
  serviceIds: string[];
}

/**
 * What is wrong with a freeze, each field named: a window that ends before (or when) it starts, a
 * scope without what it scopes, and lists a scope does not read (a global freeze naming CIs would
 * look narrower than it is).
 */
export function blackoutErrors(blackout: BlackoutFields): FieldError[] {
  const errors: FieldError[] = [];
  if (isEmptyWindow(blackout)) errors.push({ field: 'end', message: 'must be after start' });
  const lists = { cis: 'ciIds', services: 'serviceIds' } as const;
  for (const [scope, field] of Object.entries(lists) as Array<
    [BlackoutScope, keyof typeof blackout]
  >) {
    const listed = (blackout[field] as string[]).length > 0;
    if (blackout.scope === scope && !listed) {
      errors.push({ field, message: `a freeze scoped to ${scope} names one or more` });
    }
    if (blackout.scope !== scope && listed) {
      errors.push({ field, message: `only a freeze scoped to ${scope} names them` });
    }
  }
  return errors;
}

/** The freeze after a partial edit: what the edit names replaces what was. */
export function editedBlackout(
  current: BlackoutFields,
  edit: Partial<Omit<BlackoutFields, 'reason'>> & { reason?: string | null },
): BlackoutFields {
  const defined = Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined));
  return { ...current, ...defined };
}
