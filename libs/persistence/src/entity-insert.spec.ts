import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { entityInsert } from './entity-insert';

@Entity('gadgets')
class Gadget {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({
    type: 'text',
    transformer: { to: (value: string) => value.toUpperCase(), from: (value: string) => value },
  })
  code!: string;

  @Column('simple-json')
  settings!: { colour: string };

  @Column('jsonb')
  document!: { size: number };

  @Column('text', { array: true })
  tags!: string[];

  @Column('text', { nullable: true })
  note?: string | null;
}

/** The metadata of Gadget, as a service's data source has it, without a database. */
async function gadgetsDataSource(): Promise<DataSource> {
  const dataSource = new DataSource({ type: 'postgres', entities: [Gadget] });
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return dataSource;
}

describe('entityInsert', () => {
  it('writes the columns given, each value as the entity manager would store it', async () => {
    const { manager } = await gadgetsDataSource();
    const gadget = manager.create(Gadget, {
      id: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      code: 'vm-small',
      settings: { colour: 'blue' },
      document: { size: 2 },
      tags: ['a', 'b'],
    });
    const insert = entityInsert(manager, Gadget, gadget, {
      firstParam: 2,
      condition: 'true',
      returning: 'id',
    });
    expect(insert.sql).toContain('INSERT INTO gadgets (id, code, settings, document, tags)');
    expect(insert.sql).toContain('SELECT $2::uuid, $3::text, $4::text, $5::jsonb, $6::text[]');
    expect(insert.params).toEqual([
      '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      'VM-SMALL',
      '{"colour":"blue"}',
      '{"size":2}',
      ['a', 'b'],
    ]);
  });
});
