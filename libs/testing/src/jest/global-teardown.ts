/** Stops what the global setup started (nothing, when the servers came from the environment). */
export default async function globalTeardown(): Promise<void> {
  await globalThis.itsmTestInfrastructure?.stop();
  globalThis.itsmTestInfrastructure = undefined;
}
