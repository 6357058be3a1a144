import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { PeriodicExportingMetricReader, type MetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
// Not on the package's index: the processors NodeSDK builds from OTEL_TRACES_EXPORTER when it is
// given none. NodeSDK takes no processor beside those (open-telemetry/opentelemetry-js#5299).
import { getSpanProcessorsFromEnv } from '@opentelemetry/sdk-node/build/src/utils';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { isProbePath } from '../probes';
import { RedactingSpanProcessor } from '../redaction/redacting-span-processor';

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion?: string;
  /** Replaces the exporters the `OTEL_*` variables choose; tests pass an in-memory exporter. */
  spanProcessors?: SpanProcessor[];
  env?: NodeJS.ProcessEnv;
}

export interface Telemetry {
  /** Serves `/metrics`; the process never opens a second port for it. */
  prometheus: PrometheusExporter;
  shutdown(): Promise<void>;
}

let current: Telemetry | undefined;

/**
 * Starts the OpenTelemetry SDK. It must run before anything it instruments (http, pg,
 * pino, Nest) is loaded, so a service's main.ts calls it first and loads the rest afterwards.
 *
 * The standard `OTEL_*` variables configure export. Without an exporter configured, spans are
 * still created (so logs carry trace ids and Kafka headers carry `traceparent`) but not sent.
 * Secret query parameters (a calendar feed's `token`) are replaced in URLs before any export.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (current) return current;
  const env = options.env ?? process.env;
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const metricReaders: MetricReader[] = [prometheus];
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT) {
    metricReaders.push(new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() }));
  }

  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME ?? options.serviceName,
      [ATTR_SERVICE_VERSION]: options.serviceVersion ?? '0.1.0',
    }),
    metricReaders,
    spanProcessors: [
      new RedactingSpanProcessor(),
      ...(options.spanProcessors ??
        (exportConfigured(env) ? getSpanProcessorsFromEnv(undefined) : [])),
    ],
    // The SDK's default log exporter sends to an OTLP endpoint that usually does not exist, and its
    // shutdown then waits about 10 s for it: logs go to stdout (pino) unless export is asked for.
    ...(logExportConfigured(env) ? {} : { logRecordProcessors: [] }),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => isProbePath(request.url ?? ''),
      }),
      new PgInstrumentation({ requireParentSpan: true }),
      // No kafkajs instrumentation: libs/messaging propagates trace context itself, per event, from
      // the outbox row to the consumer; the instrumentation would overwrite it with the relay's context.
      new PinoInstrumentation(),
      new NestInstrumentation(),
    ],
  });
  sdk.start();
  current = {
    prometheus,
    shutdown: async () => {
      current = undefined;
      await sdk.shutdown();
      // Leaves the process's OpenTelemetry globals as they were before: a later start registers anew.
      metrics.disable();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
  return current;
}

/** The running SDK's handles, or undefined when telemetry was not started (unit tests). */
export function runningTelemetry(): Telemetry | undefined {
  return current;
}

function exportConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(
    env.OTEL_TRACES_EXPORTER ||
    env.OTEL_EXPORTER_OTLP_ENDPOINT ||
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
  );
}

function logExportConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(
    (env.OTEL_LOGS_EXPORTER && env.OTEL_LOGS_EXPORTER !== 'none') ||
    env.OTEL_EXPORTER_OTLP_ENDPOINT ||
    env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT,
  );
}
