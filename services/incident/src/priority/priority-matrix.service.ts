import { Injectable } from '@nestjs/common';
import { validationProblem } from '@itsm/http';
import { assertVersion } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { matrixErrors, PRIORITY_NAMES, type PriorityMatrix } from './domain/priority-matrix';

interface MatrixRow {
  matrix: PriorityMatrix;
  version: number;
  updated_by: string;
  updated_at: Date;
}

/** The deployment's impact × urgency lookup: one row, read in the transaction that uses it. */
@Injectable()
export class PriorityMatrixService {
  constructor(private readonly dataSource: DataSource) {}

  async current(manager: EntityManager = this.dataSource.manager): Promise<PriorityMatrix> {
    return (await this.row(manager)).matrix;
  }

  async view() {
    return matrixView(await this.row(this.dataSource.manager));
  }

  async replace(matrix: unknown, version: number, actor: string) {
    const errors = matrixErrors(matrix);
    if (errors.length > 0) throw validationProblem(errors);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, true);
      assertVersion({ id: 'priority-matrix', version: row.version }, 'Priority matrix', version);
      const [updated] = (await manager.query(
        `UPDATE priority_matrix SET matrix = $1, updated_by = $2, updated_at = now(), version = version + 1
         RETURNING matrix, version, updated_by, updated_at`,
        [JSON.stringify(matrix), actor],
      )) as [MatrixRow[], number];
      return matrixView(updated[0]!);
    });
  }

  private async row(manager: EntityManager, lock = false): Promise<MatrixRow> {
    const [row] = (await manager.query(
      `SELECT matrix, version, updated_by, updated_at FROM priority_matrix${lock ? ' FOR UPDATE' : ''}`,
    )) as MatrixRow[];
    return row!;
  }
}

function matrixView(row: MatrixRow) {
  return {
    matrix: row.matrix,
    priorities: PRIORITY_NAMES,
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}
