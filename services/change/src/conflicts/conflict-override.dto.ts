import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** A change manager's decision to schedule a change despite its conflicts. */
export class ConflictOverrideDto {
  @ApiProperty({ maxLength: 2000, description: 'Why the change may go ahead anyway' })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}
