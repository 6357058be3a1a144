/** Health probes and metric scrapes arrive every few seconds: neither traced nor logged. */
export function isProbePath(url: string): boolean {
  return /^\/(health|metrics)(\/|$|\?)/.test(url);
}
