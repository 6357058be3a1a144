/** A business service the CMDB found impacted through the incident's CI (flow 2). */
export interface ImpactedService {
  id: string;
  name: string;
  criticality: number;
  /** Hops from the incident's CI. */
  depth: number;
}
