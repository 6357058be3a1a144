import { Audited, VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';
import type { CiStatus, StoredCi } from './domain/ci';

/** A configuration item. Every field change is written to the audit trail (its history). */
@Audited({ entityType: 'ci', ignore: ['fieldSources', 'identityClassId'], expand: ['attributes'] })
@Entity({ name: 'configuration_items' })
export class ConfigurationItem extends VersionedEntity implements StoredCi {
  @Column({ name: 'class_id', type: 'uuid' })
  classId!: string;

  /** The root of the class: identifiers are unique, and identification searches, within it. */
  @Column({ name: 'identity_class_id', type: 'uuid' })
  identityClassId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'operational_status', type: 'text' })
  operationalStatus!: CiStatus;

  @Column({ type: 'smallint' })
  criticality!: number;

  @Column({ type: 'text', nullable: true })
  environment!: string | null;

  @Column({ name: 'owner_group', type: 'text', nullable: true })
  ownerGroup!: string | null;

  @Column({ name: 'serial_number', type: 'text', nullable: true })
  serialNumber!: string | null;

  @Column({ name: 'host_name', type: 'text', nullable: true })
  hostName!: string | null;

  @Column({ type: 'text', nullable: true })
  fqdn!: string | null;

  @Column({ name: 'cloud_id', type: 'text', nullable: true })
  cloudId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  attributes!: Record<string, unknown>;

  /** Which data source last set each field: a weaker source never overwrites a stronger one. */
  @Column({ name: 'field_sources', type: 'jsonb', default: () => "'{}'" })
  fieldSources!: Record<string, string>;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;
}
