export { z } from 'zod';
export * from './env-types';
export * from './load-config';
