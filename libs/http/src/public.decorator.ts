import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ENDPOINT = 'itsm:public-endpoint';

/**
 * Marks a controller or route as open to callers without a token. Every other endpoint requires one:
 * only health, metrics and the OpenAPI document are public.
 */
export const Public = () => SetMetadata(PUBLIC_ENDPOINT, true);
