import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Omittable, HasText } from '@itsm/http';

export class CreateCategoryRequest {
  @ApiProperty({ maxLength: 160, example: 'Hardware' })
  @IsString()
  @HasText()
  @MaxLength(160)
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Omittable()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

/** What a PATCH changes: the fields sent, nothing else. */
export class EditCategoryRequest {
  @ApiPropertyOptional({ description: 'The version read; or If-Match' })
  @Omittable()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ maxLength: 160, example: 'Hardware' })
  @Omittable()
  @IsString()
  @HasText()
  @MaxLength(160)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'null: none' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;
}
