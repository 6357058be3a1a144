import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  chartsDir,
  type Container,
  envOf,
  type K8sObject,
  ofKind,
  podSpec,
  render,
  renderError,
  repoRoot,
  SERVICES,
  workloads,
} from './render';

const minimal = 'itsm/ci/minimal-values.yaml';
const install = render('itsm', [minimal]);

function componentOf(object: K8sObject): string | undefined {
  return object.metadata.labels?.['app.kubernetes.io/component'];
}

function ofService(objects: K8sObject[], practice: string): K8sObject[] {
  return objects.filter(
    (o) => o.metadata.labels?.['app.kubernetes.io/name'] === `itsm-${practice}`,
  );
}

describe('the umbrella chart with the minimal values', () => {
  it('installs every service: ServiceAccount, Service, Deployment, PDB, NetworkPolicy, migration and topic Jobs', () => {
    for (const practice of SERVICES) {
      expect(
        ofService(install, practice)
          .map((o) => o.kind)
          .sort(),
      ).toEqual([
        'Deployment',
        'Job',
        'Job',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'Service',
        'ServiceAccount',
      ]);
    }
  });

  it('names each object after the release and the practice', () => {
    expect(
      ofKind(install, 'Deployment')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(SERVICES.map((practice) => `itsm-${practice}`).sort());
  });
});

describe('every pod, of every values file', () => {
  const renderings = [
    ...['minimal', 'partial'].map((name) => render('itsm', [`itsm/ci/${name}-values.yaml`])),
    render('itsm', ['examples/managed-values.yaml']),
    render('itsm', ['examples/operators-values.yaml']),
    ...SERVICES.flatMap((practice) =>
      ['production', 'all-on', 'all-off'].map((name) =>
        render(`itsm-${practice}`, [`itsm-${practice}/ci/${name}-values.yaml`]),
      ),
    ),
  ];
  const pods = renderings.flatMap(workloads).map((owner) => ({ owner, spec: podSpec(owner) }));

  it('runs as a non-root user with a read-only root file system, no capabilities and RuntimeDefault seccomp', () => {
    expect(pods.length).toBeGreaterThan(20);
    for (const { spec } of pods) {
      expect(spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.automountServiceAccountToken).toBe(false);
      for (const container of spec.containers) {
        expect(container.securityContext).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      }
      expect(spec.volumes?.find((v) => v.name === 'tmp')?.emptyDir).toBeDefined();
    }
  });

  it('requests CPU and memory and limits memory', () => {
    for (const { spec } of pods) {
      for (const container of spec.containers) {
        expect(Object.keys(container.resources?.requests ?? {})).toEqual(
          expect.arrayContaining(['cpu', 'memory']),
        );
        expect(container.resources?.limits?.memory).toBeDefined();
      }
    }
  });

  it('takes DATABASE_URL and the Kafka password from Secrets, never as a value', () => {
    for (const { owner, spec } of pods) {
      for (const container of spec.containers) {
        const env = envOf(container);
        if (componentOf(owner) !== 'topics') {
          expect(env.get('DATABASE_URL')?.valueFrom?.secretKeyRef?.name).toBeTruthy();
        }
        expect(env.get('DATABASE_URL')?.value).toBeUndefined();
        expect(env.get('KAFKA_SASL_PASSWORD')?.value).toBeUndefined();
      }
    }
  });

  it('probes a serving pod: startup and liveness on /health/live, readiness on /health/ready', () => {
    const deployments = pods.filter(({ owner }) => owner.kind === 'Deployment');
    expect(deployments.length).toBeGreaterThan(10);
    for (const { spec } of deployments) {
      const [container] = spec.containers;
      expect(container.startupProbe?.httpGet?.path).toBe('/health/live');
      expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
    }
  });

  it('gives the service longer than its own drain deadline before Kubernetes kills it', () => {
    for (const { owner, spec } of pods.filter((p) => p.owner.kind === 'Deployment')) {
      const [container] = spec.containers;
      const graceMs = Number(envOf(container).get('SHUTDOWN_GRACE_MS')?.value);
      const preStopMs = (container.lifecycle?.preStop?.sleep?.seconds ?? 0) * 1000;
      expect({
        name: owner.metadata.name,
        fits: preStopMs + graceMs < (spec.terminationGracePeriodSeconds ?? 30) * 1000,
      }).toEqual({ name: owner.metadata.name, fits: true });
    }
  });
});

describe('migrations', () => {
  it('run in a pre-install/pre-upgrade hook Job with the Deployment’s image, and not in the pods', () => {
    for (const practice of SERVICES) {
      const objects = ofService(install, practice);
      const [job] = ofKind(objects, 'Job').filter((o) => componentOf(o) === 'migration');
      const [deployment] = ofKind(objects, 'Deployment');
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      const migrate = podSpec(job).containers[0];
      const serve = podSpec(deployment).containers[0];
      expect(migrate.image).toBe(serve.image);
      expect(migrate.image).toBe(`itsm/${practice}:0.1.0`);
      expect(migrate.args).toEqual(['migrate', 'run']);
      expect(envOf(migrate).get('DATABASE_URL')).toEqual(envOf(serve).get('DATABASE_URL'));
      expect(envOf(serve).get('MIGRATIONS_RUN')?.value).toBe('false');
    }
  });

  it('run in each pod at start when the Job is disabled', () => {
    const objects = render('itsm-incident', ['itsm-incident/ci/all-off-values.yaml']);
    expect(ofKind(objects, 'Job')).toEqual([]);
    expect(
      envOf(podSpec(ofKind(objects, 'Deployment')[0]).containers[0]).get('MIGRATIONS_RUN')?.value,
    ).toBe('true');
  });

  it('never receive the Service’s traffic: the Service selects the api component only', () => {
    for (const service of ofKind(install, 'Service')) {
      expect(
        (service.spec as { selector: Record<string, string> }).selector[
          'app.kubernetes.io/component'
        ],
      ).toBe('api');
    }
  });
});

describe('topics', () => {
  it('are created by a pre-install/pre-upgrade hook Job with the Deployment’s image and Kafka settings, and no database', () => {
    for (const practice of SERVICES) {
      const objects = ofService(install, practice);
      const [job] = ofKind(objects, 'Job').filter((o) => componentOf(o) === 'topics');
      const [deployment] = ofKind(objects, 'Deployment');
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      const topics = podSpec(job).containers[0];
      const serve = podSpec(deployment).containers[0];
      expect(topics.image).toBe(serve.image);
      expect(topics.args).toEqual(['topics', 'ensure']);
      const kafka = (container: Container) =>
        (container.env ?? []).filter((v) => v.name.startsWith('KAFKA_'));
      expect(kafka(topics)).toEqual(kafka(serve));
      expect(kafka(topics).map((v) => v.name)).toContain('KAFKA_TOPIC_PARTITIONS');
      expect(envOf(topics).has('DATABASE_URL')).toBe(false);
    }
  });

  it('are KafkaTopic resources instead of the Job when Strimzi is used', () => {
    const objects = render('itsm', ['examples/operators-values.yaml']);
    expect(ofKind(objects, 'Job').filter((o) => componentOf(o) === 'topics')).toEqual([]);
    expect(ofKind(objects, 'KafkaTopic')).toHaveLength(2 * SERVICES.length);
  });

  it('are left to the pods at start when topicsJob.enabled is false', () => {
    const objects = render('itsm', [minimal], ['incident.topicsJob.enabled=false']);
    expect(ofKind(ofService(objects, 'incident'), 'Job').map((o) => componentOf(o))).toEqual([
      'migration',
    ]);
    expect(ofKind(ofService(objects, 'change'), 'Job')).toHaveLength(2);
  });
});

describe('enabling and disabling', () => {
  it('removes every object of a disabled service and nothing else', () => {
    const partial = render('itsm', ['itsm/ci/partial-values.yaml']);
    for (const practice of ['change', 'problem', 'catalog'])
      expect(ofService(partial, practice)).toEqual([]);
    for (const practice of ['incident', 'configuration'])
      expect(ofService(partial, practice).length).toBe(7);
  });

  it('installs nothing when every service is disabled', () => {
    expect(render('itsm', ['itsm/ci/all-off-values.yaml'])).toEqual([]);
  });

  it('scales on consumer lag with KEDA instead of an HPA, on the groups libs/messaging names', () => {
    const objects = render('itsm-configuration', ['itsm-configuration/ci/all-on-values.yaml']);
    expect(ofKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    const [scaled] = ofKind(objects, 'ScaledObject');
    const triggers = (
      scaled.spec as { triggers: Array<{ type: string; metadata: Record<string, string> }> }
    ).triggers;
    expect(
      triggers
        .filter((t) => t.type === 'kafka')
        .map((t) => [t.metadata.consumerGroup, t.metadata.topic]),
    ).toEqual([
      ['itsm-configuration.catalog-provisioning', 'itsm.catalog.v1'],
      ['itsm-configuration.change-history', 'itsm.change.v1'],
      ['itsm-configuration.record-impact', 'itsm.change.v1'],
      ['itsm-configuration.record-impact', 'itsm.incident.v1'],
    ]);
    expect(ofKind(objects, 'Deployment')[0].spec).not.toHaveProperty('replicas');
  });

  it('renders the optional objects: ServiceMonitor, Ingress, HTTPRoute, Strimzi topics', () => {
    const objects = render('itsm-incident', ['itsm-incident/ci/all-on-values.yaml']);
    expect(ofKind(objects, 'ServiceMonitor')[0].spec).toMatchObject({
      jobLabel: 'app.kubernetes.io/name',
      endpoints: [{ port: 'http', path: '/metrics' }],
    });
    expect(ofKind(objects, 'Ingress')).toHaveLength(1);
    expect(ofKind(objects, 'HTTPRoute')).toHaveLength(1);
    expect(
      ofKind(objects, 'KafkaTopic').map((t) => (t.spec as { topicName: string }).topicName),
    ).toEqual(['itsm.incident.v1', 'itsm.incident.v1.dlq']);
  });
});

describe('the alerting rules', () => {
  it('ship as a PrometheusRule identical to deploy/prometheus/itsm-alerts.yaml, Prometheus templates untouched', () => {
    const [rule] = ofKind(render('itsm', ['itsm/ci/partial-values.yaml']), 'PrometheusRule');
    const source = parse(
      readFileSync(join(repoRoot, 'deploy/prometheus/itsm-alerts.yaml'), 'utf8'),
    ) as unknown;
    expect(rule.spec).toEqual(source);
    expect(JSON.stringify(rule.spec)).toContain('{{ $labels.relay }}');
  });

  it('are not rendered unless enabled', () => {
    expect(ofKind(install, 'PrometheusRule')).toEqual([]);
  });
});

describe('refused values, with a message that says what to do', () => {
  it('a missing database Secret', () => {
    expect(
      renderError(
        'itsm-incident',
        [],
        ['global.itsm.kafka.brokers=k:9092', 'global.itsm.auth.issuer=https://sso'],
      ),
    ).toMatch(/database\.existingSecret is required/);
  });

  it('missing brokers or issuer', () => {
    expect(
      renderError(
        'itsm-incident',
        [],
        ['database.existingSecret=db', 'global.itsm.auth.issuer=https://sso'],
      ),
    ).toMatch(/global\.itsm\.kafka\.brokers is required/);
    expect(
      renderError(
        'itsm-incident',
        [],
        ['database.existingSecret=db', 'global.itsm.kafka.brokers=k:9092'],
      ),
    ).toMatch(/global\.itsm\.auth\.issuer is required/);
  });

  it('a value of the wrong type or an unknown key, named by the schema', () => {
    expect(renderError('itsm', [minimal], ['incident.replicaCount=two'])).toMatch(/replicaCount/);
    expect(renderError('itsm', [minimal], ['incident.replicas=2'])).toMatch(
      /additional properties 'replicas' not allowed/,
    );
    expect(renderError('itsm', [minimal], ['global.itsm.kafka.sasl.mechanism=scram'])).toMatch(
      /mechanism/,
    );
  });

  it('a grace period shorter than the service’s drain deadline', () => {
    expect(
      renderError('itsm', [minimal], ['incident.shutdown.terminationGracePeriodSeconds=20']),
    ).toMatch(/terminationGracePeriodSeconds \(20 s\) must exceed/);
  });

  it('KEDA together with the HPA, or on a service that consumes nothing', () => {
    expect(
      renderError(
        'itsm',
        [minimal],
        ['incident.keda.enabled=true', 'incident.autoscaling.enabled=true'],
      ),
    ).toMatch(/exclusive/);
    expect(
      renderError(
        'itsm',
        [minimal],
        ['change.keda.enabled=true', 'change.keda.subscriptions=null'],
      ),
    ).toMatch(/consumes no topic/);
  });
});

describe('the service charts', () => {
  it('share one values schema, kept in itsm-common', () => {
    const schema = readFileSync(join(chartsDir, 'itsm-common/service-values.schema.json'), 'utf8');
    for (const practice of SERVICES) {
      expect(readFileSync(join(chartsDir, `itsm-${practice}/values.schema.json`), 'utf8')).toBe(
        schema,
      );
    }
  });
});
