import { Column, Entity } from 'typeorm';

/** A named origin of CI data, ranked by authority: the higher rank wins a field. */
@Entity({ name: 'data_sources' })
export class DataSourceRank {
  @Column({ type: 'text', primary: true })
  name!: string;

  @Column({ type: 'integer' })
  rank!: number;

  @Column({ type: 'text', nullable: true })
  description!: string | null;
}

/** The source of changes made by people through the API: ranked above every import by default. */
export const MANUAL_SOURCE = 'manual';

/** The source of operational status reported through the API by agents and monitoring. */
export const MONITORING_SOURCE = 'monitoring';
