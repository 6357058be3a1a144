import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { Omittable } from '@itsm/http';

const lowerCasedAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)) : value;

/**
 * An optional list of record ids (CIs, business services), as stored: lower-cased before it is
 * checked, so that one id in two letter cases is refused as a repeat rather than kept twice.
 */
export function UuidList(options: {
  description: string;
  maxItems: number;
  minItems?: number;
}): PropertyDecorator {
  const { description, maxItems, minItems } = options;
  return applyDecorators(
    ApiPropertyOptional({
      type: [String],
      format: 'uuid',
      ...(minItems === undefined ? {} : { minItems }),
      maxItems,
      uniqueItems: true,
      description,
    }),
    Omittable(),
    Transform(lowerCasedAll),
    IsArray(),
    ...(minItems === undefined ? [] : [ArrayMinSize(minItems)]),
    ArrayMaxSize(maxItems),
    ArrayUnique(),
    IsUUID(undefined, { each: true }),
  );
}
