import { isProbePath } from './probes';

describe('probe paths', () => {
  it('are the health endpoints and the metrics scrape, with or without a query', () => {
    for (const url of ['/health/live', '/health/ready', '/metrics', '/metrics?x=1', '/health']) {
      expect(isProbePath(url)).toBe(true);
    }
  });

  it('are not an API path that merely starts like one', () => {
    for (const url of ['/healthcheck', '/metrics-x', '/api/v1/incident-metrics']) {
      expect(isProbePath(url)).toBe(false);
    }
  });
});
