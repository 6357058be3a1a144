import { ApiProperty } from '@nestjs/swagger';
import type { Person } from './person.entity';

export const personView = (p: Person) => ({
  id: p.id,
  managerId: p.managerId,
  groups: p.groups,
  updatedBy: p.updatedBy,
  updatedAt: p.updatedAt,
  version: p.version,
});
export type PersonView = ReturnType<typeof personView>;

export class PersonResponse implements PersonView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) managerId!: string | null;
  @ApiProperty({ type: [String] }) groups!: string[];
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'For If-Match' }) version!: number;
}
