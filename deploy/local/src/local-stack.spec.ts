import { renderServerProperties } from './kafka-broker';
import { databaseUrlFor } from './local-stack';
import { servicePort, serviceDatabase } from './platform';

describe('the local stack', () => {
  it('gives each service its own database on the same server', () => {
    expect(
      databaseUrlFor('postgres://itsm:itsm@127.0.0.1:55432/postgres', serviceDatabase('incident')),
    ).toBe('postgres://itsm:itsm@127.0.0.1:55432/itsm_incident');
    expect(databaseUrlFor('postgres://u:p@db:5432/postgres?sslmode=require', 'itsm_change')).toBe(
      'postgres://u:p@db:5432/itsm_change?sslmode=require',
    );
  });

  it('numbers the service ports from the base port', () => {
    expect([servicePort('incident'), servicePort('catalog'), servicePort('change', 4100)]).toEqual([
      3001, 3005, 4102,
    ]);
  });

  it('configures a single-node KRaft broker on loopback', () => {
    const properties = renderServerProperties(
      { baseDir: '/x', port: 9092, controllerPort: 9093 },
      '/x/data',
    );
    expect(properties).toContain('process.roles=broker,controller');
    expect(properties).toContain('controller.quorum.voters=1@127.0.0.1:9093');
    expect(properties).toContain(
      'listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
    );
    expect(properties).toContain('log.dirs=/x/data');
    expect(properties).toContain('auto.create.topics.enable=false');
  });
});
