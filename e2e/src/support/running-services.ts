import type { ServiceProcess } from '@itsm/local-stack';
import { callService, tokenFor, type E2eRun } from '@itsm/testing';

/** A JSON call to one of a file's running services, by its name, as a bearer of `token`. */
export type ServiceCall = (
  service: string,
  method: string,
  path: string,
  token: string,
  body?: object,
) => ReturnType<typeof callService>;

/**
 * Starts these services of the run before the file's tests and, after them, stops them and drops
 * the run's databases and topics. Call it in the file's `describe`.
 */
export function runningServices(e2e: E2eRun, names: readonly string[]): ServiceCall {
  const services: Record<string, ServiceProcess> = {};
  beforeAll(async () => {
    for (const name of names) services[name] = await e2e.service(name);
    await Promise.all(Object.values(services).map((service) => service.start()));
    await Promise.all(Object.values(services).map((service) => service.waitUntilReady(120_000)));
  });
  afterAll(async () => {
    await Promise.all(Object.values(services).map((service) => service.stop()));
    await e2e.cleanUp();
  });
  return (service, method, path, token, body) =>
    callService(services[service]!, method, path, token, body);
}

/** A CI Conor creates in the CMDB (criticality 2); its id. */
export async function createCi(
  api: ServiceCall,
  className: string,
  name: string,
  attributes?: object,
): Promise<string> {
  const created = await api('configuration', 'POST', '/api/v1/cis', await tokenFor('conor'), {
    className,
    name,
    criticality: 2,
    ...(attributes && { attributes }),
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** A standard-change template Chloe creates and publishes; its id. */
export function publishedChangeTemplate(
  api: ServiceCall,
  template: {
    name: string;
    shortDescription: string;
    justification: string;
    implementationPlan: string;
    backoutPlan: string;
    testPlan: string;
    assignmentGroup: string;
  },
): Promise<string> {
  return publishedRecord(api, 'change', '/api/v1/change-templates', 'chloe', template);
}

/**
 * A versioned record (a change template, a catalog item) `user` creates at `collection` and
 * publishes with the version it read (`POST <collection>/{id}/publish`); its id.
 */
export async function publishedRecord(
  api: ServiceCall,
  service: string,
  collection: string,
  user: string,
  body: object,
): Promise<string> {
  const token = await tokenFor(user);
  const created = await api(service, 'POST', collection, token, body);
  expect(created.status).toBe(201);
  const published = await api(service, 'POST', `${collection}/${created.body.id}/publish`, token, {
    version: created.body.version,
  });
  expect(published.status).toBe(200);
  return created.body.id as string;
}
