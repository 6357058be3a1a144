export * from './logging/logging.module';
export * from './metrics/metrics.controller';
export { Logger } from 'nestjs-pino';
