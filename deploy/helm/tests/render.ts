import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const repoRoot = join(__dirname, '..', '..', '..');
export const chartsDir = join(repoRoot, 'deploy', 'helm');
export const SERVICES = ['incident', 'change', 'problem', 'configuration', 'catalog'] as const;

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: unknown;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: EnvVar[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
    seccompProfile?: { type: string };
  };
  startupProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}

export interface PodSpec {
  containers: Container[];
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    seccompProfile?: { type: string };
  };
  terminationGracePeriodSeconds?: number;
  automountServiceAccountToken?: boolean;
  topologySpreadConstraints?: Array<{ topologyKey: string }>;
  volumes?: Array<{ name: string; emptyDir?: object }>;
}

const helm = join(repoRoot, '.local', 'tools', 'bin', 'helm');

/** `helm template` of a chart in deploy/helm with values files (relative to deploy/helm) and --set pairs. */
export function render(chart: string, valuesFiles: string[] = [], set: string[] = []): K8sObject[] {
  const args = ['template', 'itsm', join(chartsDir, chart), '--namespace', 'itsm'];
  for (const file of valuesFiles) args.push('-f', join(chartsDir, file));
  for (const pair of set) args.push('--set', pair);
  const out = execFileSync(helm, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(out)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

/** The message helm prints when it refuses to render. */
export function renderError(chart: string, valuesFiles: string[], set: string[] = []): string {
  try {
    render(chart, valuesFiles, set);
  } catch (error) {
    return String((error as { stderr?: string }).stderr);
  }
  throw new Error(`helm rendered ${chart} although it should have refused`);
}

export function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

/** The pod template of a Deployment or a Job. */
export function podSpec(owner: K8sObject): PodSpec {
  return (owner.spec as { template: { spec: PodSpec } }).template.spec;
}

export function workloads(objects: K8sObject[]): K8sObject[] {
  return objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job');
}

export function envOf(container: Container): Map<string, EnvVar> {
  return new Map((container.env ?? []).map((v) => [v.name, v]));
}
