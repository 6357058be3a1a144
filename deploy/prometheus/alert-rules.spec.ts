import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * promtool is not part of the toolchain, so the rules are checked here: their shape, that every
 * expression names only metrics the code exports, and that every alert has its runbook.
 */
const root = join(__dirname, '..', '..');
const rules = parse(readFileSync(join(__dirname, 'itsm-alerts.yaml'), 'utf8')) as {
  groups: Array<{
    name: string;
    rules: Array<{
      alert: string;
      expr: string;
      for?: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
    }>;
  }>;
};
const alerts = rules.groups.flatMap((group) => group.rules);

/** Prometheus' own series, which no service exports. */
const PROMETHEUS_METRICS = ['up'];
const PROMQL_KEYWORDS = new Set([
  'by',
  'without',
  'and',
  'or',
  'unless',
  'on',
  'ignoring',
  'bool',
  'offset',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist'].includes(entry.name) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every metric name an instrument is created with in libs/ and services/, as /metrics shows it. */
function exportedMetrics(): Set<string> {
  const names = new Set(PROMETHEUS_METRICS);
  const instrument =
    /create(Counter|UpDownCounter|Histogram|Gauge|ObservableGauge|ObservableCounter)\(\s*'([a-z_:][a-z0-9_:]*)'/g;
  for (const file of ['libs', 'services'].flatMap((dir) => sourceFiles(join(root, dir)))) {
    for (const [, kind, name] of readFileSync(file, 'utf8').matchAll(instrument)) {
      names.add(name!);
      if (kind === 'Histogram')
        for (const suffix of ['_bucket', '_sum', '_count']) names.add(name! + suffix);
    }
  }
  return names;
}

/** The metric names of a PromQL expression: identifiers that are not functions, keywords or labels. */
export function metricsIn(expr: string): string[] {
  const bare = expr
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, ' ') // grouping labels
    .replace(/\[[^\]]*\]/g, ' ') // ranges
    .replace(/"[^"]*"|'[^']*'/g, ' ');
  return [...bare.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)]
    .map(([, name]) => name!)
    .filter((name) => !PROMQL_KEYWORDS.has(name) && !/^\d/.test(name));
}

describe('the Prometheus alerting rules', () => {
  it('finds metric names in an expression, not functions, labels or ranges', () => {
    expect(
      metricsIn(
        'time() - max by (namespace) (itsm_x{timer="SlaTimer"}) > 300 and on (pod) rate(itsm_y_total[5m]) > 0',
      ),
    ).toEqual(['itsm_x', 'itsm_y_total']);
  });

  it('name only metrics that the services export', () => {
    const exported = exportedMetrics();
    expect(exported).toContain('itsm_outbox_oldest_age_seconds');
    for (const { alert, expr } of alerts) {
      const names = metricsIn(expr);
      expect({ alert, names: names.length > 0 }).toEqual({ alert, names: true });
      expect({ alert, unknown: names.filter((name) => !exported.has(name)) }).toEqual({
        alert,
        unknown: [],
      });
    }
  });

  it('cover outbox age, consumer lag, dead letters, the SLA timer and readiness', () => {
    const watched = alerts.flatMap(({ expr }) => metricsIn(expr));
    expect(watched).toEqual(
      expect.arrayContaining([
        'itsm_outbox_oldest_age_seconds',
        'itsm_consumer_lag',
        'itsm_consumer_dead_letters_total',
        'itsm_recurring_job_last_success_timestamp_seconds',
        'itsm_ready',
      ]),
    );
  });

  it('give every alert a unique name, a severity, a summary and a runbook section that exists', () => {
    const runbooks = readFileSync(join(root, 'docs', 'runbooks.md'), 'utf8');
    const anchors = new Set(
      [...runbooks.matchAll(/^## (\S+)$/gm)].map(([, title]) => title!.toLowerCase()),
    );
    expect(new Set(alerts.map(({ alert }) => alert)).size).toBe(alerts.length);
    for (const { alert, labels, annotations } of alerts) {
      expect({ alert, severity: labels.severity }).toEqual({
        alert,
        severity: expect.stringMatching(/^(warning|critical)$/),
      });
      expect(annotations.summary).toBeTruthy();
      expect(annotations.runbook_url).toBe(`docs/runbooks.md#${alert.toLowerCase()}`);
      expect({ alert, documented: anchors.has(alert.toLowerCase()) }).toEqual({
        alert,
        documented: true,
      });
    }
  });
});
