import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CalendarFilterValues } from './calendar-reader';

/**
 * A calendar feed a user subscribed to from Outlook or Google: its filters, the SHA-256 of its
 * secret token (the token itself is shown once, never stored), and its creator's rights as they
 * were at creation: a feed shows only what its creator could see, until it expires.
 */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'owner_id', type: 'text' })
  ownerId!: string;

  @Column({ name: 'owner_roles', type: 'text', array: true })
  ownerRoles!: string[];

  @Column({ name: 'owner_groups', type: 'text', array: true })
  ownerGroups!: string[];

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  filters!: CalendarFilterValues;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
