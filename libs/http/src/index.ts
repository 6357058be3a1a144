export * from './one-of.decorator';
export * from './openapi';
export * from './pagination';
export * from './problem';
export * from './problem-details.filter';
export * from './validation';
export * from './public.decorator';
export * from './concurrency';
