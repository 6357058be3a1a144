import type { FieldError } from '@itsm/http';

export type Level = 1 | 2 | 3;
export type Priority = 1 | 2 | 3 | 4 | 5;

export const PRIORITY_NAMES: Record<Priority, string> = {
  1: 'Critical',
  2: 'High',
  3: 'Moderate',
  4: 'Low',
  5: 'Planning',
};

/** matrix[impact - 1][urgency - 1]: the priority of each impact × urgency pair. */
export type PriorityMatrix = readonly (readonly Priority[])[];

/** ServiceNow's default lookup (DOMAIN.md); 5 Planning is never computed. */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 4],
];

export function priorityOf(matrix: PriorityMatrix, impact: Level, urgency: Level): Priority {
  return matrix[impact - 1]![urgency - 1]!;
}

/**
 * A matrix a deployment may configure: 3 × 3 of priorities 1–4, and never a higher priority for a
 * lower impact or urgency (a matrix that does is a typing mistake that would invert the queue).
 */
export function matrixErrors(matrix: unknown): FieldError[] {
  const shape =
    Array.isArray(matrix) &&
    matrix.length === 3 &&
    matrix.every(
      (row) =>
        Array.isArray(row) &&
        row.length === 3 &&
        row.every((p) => Number.isInteger(p) && p >= 1 && p <= 4),
    );
  if (!shape) {
    return [
      {
        field: 'matrix',
        message: 'matrix must be 3 rows (impact 1–3) of 3 priorities (urgency 1–3), each 1–4',
        allowed: [1, 2, 3, 4],
      },
    ];
  }
  const rows = matrix as number[][];
  const errors: FieldError[] = [];
  for (let i = 0; i < 3; i++) {
    for (let u = 0; u < 3; u++) {
      const cell = rows[i]![u]!;
      const outranked = [
        i > 0 && rows[i - 1]![u]! > cell && `impact ${i} × urgency ${u + 1}`,
        u > 0 && rows[i]![u - 1]! > cell && `impact ${i + 1} × urgency ${u}`,
      ].filter(Boolean);
      if (outranked.length > 0) {
        errors.push({
          field: `matrix.${i}.${u}`,
          message: `priority ${cell} for impact ${i + 1} × urgency ${u + 1} ranks it above the more severe ${outranked.join(' and ')}`,
        });
      }
    }
  }
  return errors;
}
