import { cpus, totalmem } from 'node:os';

export function percentile(sortedValues: number[], p: number): number {
  if (sortedValues.length === 0) return NaN;
  const index = Math.min(sortedValues.length - 1, Math.ceil((p / 100) * sortedValues.length) - 1);
  return sortedValues[Math.max(0, index)]!;
}

export interface RunFigures {
  name: string;
  events: number;
  seconds: number;
  latenciesMs: number[];
}

export function summarize(run: RunFigures) {
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  return {
    name: run.name,
    events: run.events,
    perSecond: Math.round(run.events / run.seconds),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
}
