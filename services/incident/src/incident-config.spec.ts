import { ConfigError, loadConfig } from '@itsm/config';
import { incidentEnvSchema } from './incident-config';

describe("the incident service's settings", () => {
  it('route to the service desk by default', () => {
    const config = loadConfig(incidentEnvSchema, {});
    expect(config.INCIDENT_DEFAULT_GROUP).toBe('service-desk');
    expect(config.INCIDENT_ROUTING.byCategory.size + config.INCIDENT_ROUTING.byChannel.size).toBe(
      0,
    );
  });

  it('refuse routing rules they cannot read, naming the variable and the rule', () => {
    expect(() => loadConfig(incidentEnvSchema, { INCIDENT_ROUTING: 'channel:fax=ops' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig(incidentEnvSchema, { INCIDENT_ROUTING: 'channel:fax=ops' })).toThrow(
      /INCIDENT_ROUTING is invalid \(got "channel:fax=ops"\): "channel:fax=ops" names channel "fax"/,
    );
  });
});
