import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** A user id as identity providers issue them: `alice`, `u-1042`, an e-mail address, a UUID. */
export const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}$/;
export const USER_ID_RULE = 'a user id: letters, digits and . _ @ : - (at most 128)';

export class PersonParams {
  @ApiProperty({ pattern: USER_ID.source, description: "The person's user id (the token's `sub`)" })
  @Matches(USER_ID, { message: USER_ID_RULE })
  user!: string;
}

export class PutPersonRequest {
  @ApiProperty({
    type: String,
    nullable: true,
    pattern: USER_ID.source,
    description: "Who approves this person's requests that need their manager; null: nobody",
  })
  @IsDefined()
  @ValidateIf((_, value) => value !== null)
  @Matches(USER_ID, { message: USER_ID_RULE })
  managerId!: string | null;

  @ApiProperty({
    type: [String],
    maxItems: 100,
    description: "The person's groups: what may be ordered for them on their behalf",
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(128, { each: true })
  groups!: string[];
}
