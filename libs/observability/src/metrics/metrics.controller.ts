import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@itsm/http';
import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { runningTelemetry } from '../telemetry/start-telemetry';

/** Prometheus text exposition of every OpenTelemetry metric of the process. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly serializer = new PrometheusSerializer();

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const telemetry = runningTelemetry();
    if (!telemetry) return '';
    const { resourceMetrics } = await telemetry.prometheus.collect();
    return this.serializer.serialize(resourceMetrics);
  }
}
