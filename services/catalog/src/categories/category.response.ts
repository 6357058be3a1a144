import { ApiProperty } from '@nestjs/swagger';
import type { CatalogCategory } from './catalog-category.entity';

export const categoryView = (c: CatalogCategory) => ({
  id: c.id,
  name: c.name,
  description: c.description,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  version: c.version,
});
export type CategoryView = ReturnType<typeof categoryView>;

/** A shelf of the catalog that items are shown under. */
export class CategoryResponse implements CategoryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Hardware' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
}
