import {
  publishTestInfrastructure,
  startTestInfrastructure,
  type TestInfrastructure,
} from '../infrastructure';

declare global {
  var itsmTestInfrastructure: TestInfrastructure | undefined;
}

/** Jest runs this once per run, before any worker starts: workers inherit the published env. */
export default async function globalSetup(): Promise<void> {
  if (globalThis.itsmTestInfrastructure) return;
  const infrastructure = await startTestInfrastructure();
  globalThis.itsmTestInfrastructure = infrastructure;
  publishTestInfrastructure(infrastructure);
}
