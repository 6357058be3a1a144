/**
 * Problems with the text a service desk writes, for `npm run bench:problem`: titles, descriptions,
 * causes, workarounds and analysis notes composed from word lists of IT components, symptoms, error
 * messages, causes and workarounds, so that the search index sees a varied vocabulary rather than
 * one sentence repeated. Seeded: every run generates the same problems.
 */

/** mulberry32: a small seeded generator, enough to vary text reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPONENTS = [
  'checkout service',
  'payment gateway',
  'customer portal',
  'LDAP directory',
  'Exchange mail cluster',
  'VPN concentrator',
  'Oracle ERP database',
  'PostgreSQL billing database',
  'Kubernetes ingress controller',
  'internal DNS resolver',
  'SAN storage array',
  'print server',
  'Citrix session host',
  'SAP order management',
  'Jenkins build agents',
  'Kafka event bus',
  'Redis session cache',
  'Elasticsearch logging cluster',
  'core switch in datacentre 2',
  'branch office firewall',
  'Wi-Fi controller',
  'Active Directory domain controller',
  'SharePoint intranet',
  'HR self-service portal',
  'mobile banking app',
  'API gateway',
  'single sign-on provider',
  'backup server',
  'file share cluster',
  'VoIP call manager',
  'warehouse scanner fleet',
  'point-of-sale terminals',
  'CRM integration service',
  'data warehouse ETL job',
  'monitoring agent',
  'load balancer pool',
  'SMTP relay',
  'certificate authority',
  'hypervisor host cluster',
  'Teams meeting rooms',
];

const SYMPTOMS = [
  'times out under load',
  'returns HTTP 502 Bad Gateway intermittently',
  'responds slowly during peak hours',
  'runs at 100% CPU',
  'leaks memory until it is restarted',
  'refuses new connections',
  'drops user sessions',
  'fails to authenticate users',
  'loses connectivity every few hours',
  'crashes on start-up',
  'fills its disk',
  'rejects valid certificates',
  'sends duplicate notifications',
  'shows stale data',
  'hangs when saving records',
  'throws deadlock errors',
  'fails its nightly run',
  'cannot resolve host names',
  'logs users out after a few minutes',
  'delivers mail hours late',
  'prints blank pages',
  'reports packet loss',
  'rejects payments with a generic error',
  'replicates with growing lag',
  'stops processing the queue',
  'fails health checks',
  'returns empty search results',
  'corrupts uploaded attachments',
  'double-charges some customers',
  'freezes the user interface',
];

const ERRORS = [
  'ORA-00060: deadlock detected while waiting for resource',
  'java.lang.OutOfMemoryError: Java heap space',
  'ECONNRESET: socket hang up',
  'SSL handshake failed: certificate has expired',
  'Too many open files',
  '503 Service Unavailable',
  'KRB_AP_ERR_SKEW: clock skew too great',
  'No space left on device',
  'FATAL: remaining connection slots are reserved',
  'connection pool exhausted: timeout waiting for idle object',
  'LDAP bind failed: invalid credentials (49)',
  'DNS_PROBE_FINISHED_NXDOMAIN',
  'Segmentation fault (core dumped)',
  'kernel: nfs: server not responding, still trying',
  'OOMKilled: container exceeded its memory limit',
  'CrashLoopBackOff: back-off restarting failed container',
  'ERROR 1205: lock wait timeout exceeded',
  'SMTP 451 4.7.0 temporary server error',
  'The trust relationship between this workstation and the primary domain failed',
  'org.apache.kafka.common.errors.TimeoutException: expiring records',
  'MaxClients reached: server reached MaxRequestWorkers setting',
  'spanning-tree topology change detected',
  'RAID controller: virtual disk degraded',
  'TLS alert: unknown CA',
  'HTTP 429 Too Many Requests from upstream',
  'Transaction log for database is full due to LOG_BACKUP',
  'STP port blocked: BPDU guard violation',
  'SIP 408 Request Timeout',
];

/** A cause, its category, and the workarounds that go with it. */
const CAUSES: Array<{ text: string; category: string; workarounds: string[] }> = [
  {
    text: 'the database connection pool is sized for 20 connections while the nightly batch opens 60',
    category: 'capacity',
    workarounds: [
      'Raise the pool maximum to 80 and restart the application servers one at a time',
      'Move the nightly batch to 02:00, after the backups finish',
    ],
  },
  {
    text: 'an expired TLS certificate on the intermediate proxy',
    category: 'configuration',
    workarounds: [
      'Renew the certificate from the internal certificate authority and reload the proxy',
      'Route traffic through the secondary proxy until the certificate is replaced',
    ],
  },
  {
    text: 'a memory leak in the session cache client library introduced in release 4.2',
    category: 'software',
    workarounds: [
      'Restart the service every night from the scheduler until the library is upgraded',
      'Roll back to release 4.1 on the affected nodes',
    ],
  },
  {
    text: 'a failing fan in the storage controller causing thermal throttling',
    category: 'hardware',
    workarounds: [
      'Fail over to the partner controller and open a hardware case with the vendor',
      'Reduce the I/O load by moving the backup window',
    ],
  },
  {
    text: 'a misconfigured health check on the load balancer marking healthy nodes as down',
    category: 'configuration',
    workarounds: [
      'Point the health check at /healthz with a 5 second timeout',
      'Disable the health check on the pool and watch the nodes by hand',
    ],
  },
  {
    text: 'duplex mismatch on the uplink port after the switch firmware upgrade',
    category: 'network',
    workarounds: [
      'Set the uplink port to 1000/full on both ends',
      'Move the uplink to the spare port on the second line card',
    ],
  },
  {
    text: 'the domain controllers drifting from the NTP source by more than five minutes',
    category: 'configuration',
    workarounds: [
      'Resynchronise the domain controllers with w32tm /resync and check the NTP peers',
      'Point the affected servers at the secondary time source',
    ],
  },
  {
    text: 'an upstream vendor API rate limit lowered without notice',
    category: 'third_party',
    workarounds: [
      'Throttle outbound calls to 50 per second and queue the rest',
      'Switch to the vendor backup endpoint agreed in the contract',
    ],
  },
  {
    text: 'log rotation disabled by a configuration management change',
    category: 'configuration',
    workarounds: [
      'Compress and remove logs older than seven days, then re-enable logrotate',
      'Mount the larger log volume and restart the logging agent',
    ],
  },
  {
    text: 'a missing index on the orders table after the schema migration',
    category: 'software',
    workarounds: [
      'Create the index concurrently during business hours',
      'Temporarily disable the report that scans the orders table',
    ],
  },
  {
    text: 'an operator running the month-end job twice from the scheduler',
    category: 'human_error',
    workarounds: [
      'Cancel the second run and reverse the duplicated postings from the audit log',
      'Lock the month-end job so that only the finance team can start it',
    ],
  },
  {
    text: 'the change procedure not requiring a rollback test for firewall rules',
    category: 'process',
    workarounds: [
      'Restore the previous firewall rule set from the nightly export',
      'Open the specific port for the affected subnet until the change is reviewed',
    ],
  },
  {
    text: 'a brute-force attack from a botnet exhausting the authentication service',
    category: 'security',
    workarounds: [
      'Block the offending address ranges at the edge firewall and enable rate limiting',
      'Require the captcha on the login page until the attack stops',
    ],
  },
  {
    text: 'a cooling failure in server room B raising inlet temperatures',
    category: 'environment',
    workarounds: [
      'Shut down the non-critical test servers in room B to reduce heat',
      'Open the room and place the portable cooling units',
    ],
  },
  {
    text: 'the container memory limit set lower than the JVM heap',
    category: 'configuration',
    workarounds: [
      'Set -Xmx to 75% of the container limit and redeploy',
      'Raise the memory limit of the deployment to 4 GiB',
    ],
  },
  {
    text: 'a race condition in the retry logic sending each message twice',
    category: 'software',
    workarounds: [
      'Deduplicate messages by id on the receiving side',
      'Turn retries off in the client configuration until the fix ships',
    ],
  },
  {
    text: 'the DNS forwarder pointing at a decommissioned resolver',
    category: 'network',
    workarounds: [
      'Flush the DNS cache and point the forwarder at the new resolvers',
      'Add the critical host names to the local hosts file',
    ],
  },
  {
    text: 'a degraded RAID set rebuilding onto a slow spare disk',
    category: 'hardware',
    workarounds: [
      'Lower the rebuild priority during business hours',
      'Replace the spare with an enterprise disk and restart the rebuild',
    ],
  },
  {
    text: 'the transaction log backups failing since the storage account key was rotated',
    category: 'configuration',
    workarounds: [
      'Update the backup credentials and run a log backup by hand',
      'Switch the database to the simple recovery model until backups work again',
    ],
  },
  {
    text: 'a cause that could not be reproduced outside production',
    category: 'unknown',
    workarounds: [
      'Restart the affected node when the alert fires; it recovers within two minutes',
      'Increase logging to debug on one node to capture the next occurrence',
    ],
  },
];

const REPORTERS = [
  'Users in the London office',
  'The finance team',
  'Customers on the mobile app',
  'Store managers',
  'The night shift operators',
  'Warehouse staff',
  'Call centre agents',
  'Developers',
  'Remote workers',
  'The monitoring system',
];

const WHEN = [
  'since the weekend release',
  'every Monday morning',
  'at month end',
  'after the last patch window',
  'during the nightly batch',
  'several times a day',
  'when more than 500 users are logged in',
  'since the datacentre migration',
];

const IMPACTS = [
  'Orders cannot be completed while it lasts.',
  'Staff fall back to paper forms.',
  'The service desk receives dozens of calls each time.',
  'Revenue is lost for every minute of downtime.',
  'Only some users are affected, which made it hard to spot.',
  'The SLA for the business service is at risk.',
];

const GROUPS = [
  'service-desk',
  'network',
  'database',
  'web-ops',
  'platform',
  'identity',
  'storage',
  'end-user-computing',
];

const CATEGORIES = ['software', 'hardware', 'network', 'database', 'security', 'inquiry'];

const METHODS = ['five_whys', 'fishbone', 'fault_tree', 'kepner_tregoe', 'timeline', 'other'];

/** A problem row as the bench inserts it (snake_case, the problems table's columns). */
export interface ProblemRow {
  short_description: string;
  description: string;
  category: string;
  state: string;
  configuration_item_id: string;
  service_id: string;
  assignment_group: string;
  cause: string | null;
  cause_category: string | null;
  analysis_method: string | null;
  analysis_notes: string | null;
  workaround: string | null;
  known_error: boolean;
  known_error_at: string | null;
  known_error_by: string | null;
  resolution_code: string | null;
  resolution_notes: string | null;
  opened_at: string;
}

const KNOWN_ERROR_STATES = ['root_cause_analysis', 'fix_in_progress', 'resolved', 'closed'];
const OTHER_STATES = ['new', 'assess', 'root_cause_analysis', 'fix_in_progress', 'closed'];
/** Resolution codes, the fix most often, with what the notes say. */
const RESOLUTIONS: Array<[string, string]> = [
  ['fix_applied', 'Fix deployed and verified over two weeks without recurrence.'],
  ['fix_applied', 'Configuration corrected on every node; monitoring shows no new incidents.'],
  ['fix_applied', 'Vendor patch installed in the maintenance window.'],
  ['risk_accepted', 'The platform is retired next quarter; the workaround covers it until then.'],
  ['duplicate', 'Same root cause as an older problem, which carries the fix.'],
];
const DAY = 86_400_000;

/**
 * Generates problems: `knownErrorShare` of them known errors (cause and workaround documented), the
 * rest at every stage, some with a cause and no workaround yet. CIs and services are ids from the
 * `uuidOf` pools (as many CIs as `cis`), so filters have something to narrow.
 */
export function problemGenerator(options: {
  seed: number;
  knownErrorShare: number;
  cis: number;
  services: number;
  uuidOf: (pool: string, index: number) => string;
}) {
  const random = seededRandom(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const now = Date.now();
  return (): ProblemRow => {
    const component = pick(COMPONENTS);
    const symptom = pick(SYMPTOMS);
    const error = pick(ERRORS);
    const cause = pick(CAUSES);
    const knownError = random() < options.knownErrorShare;
    const state = pick(knownError ? KNOWN_ERROR_STATES : OTHER_STATES);
    const analysed = knownError || (state !== 'new' && state !== 'assess' && random() < 0.6);
    const ended = state === 'resolved' || state === 'closed';
    const openedAt = now - Math.floor(random() * 3 * 365 * DAY);
    const when = pick(WHEN);
    const second = pick(COMPONENTS);
    const [resolutionCode, resolutionNotes] = ended ? pick(RESOLUTIONS) : [null, null];
    return {
      short_description: capitalised(`${component} ${symptom}`).slice(0, 160),
      description:
        `${pick(REPORTERS)} report that the ${component} ${symptom} ${when}. ` +
        `The logs show "${error}". ${pick(IMPACTS)}` +
        (random() < 0.5 ? ` The ${second} shows the same errors at the same time.` : ''),
      category: pick(CATEGORIES),
      state,
      configuration_item_id: options.uuidOf('ci', Math.floor(random() * options.cis)),
      service_id: options.uuidOf('service', Math.floor(random() * options.services)),
      assignment_group: pick(GROUPS),
      cause: analysed ? capitalised(`${cause.text}, affecting the ${component}.`) : null,
      cause_category: analysed ? cause.category : null,
      analysis_method: analysed ? pick(METHODS) : null,
      analysis_notes:
        analysed && random() < 0.5
          ? `Correlated the "${error}" entries with the ${second} metrics ${when}; ` +
            `the incidents stop when ${cause.text.split(' ').slice(0, 6).join(' ')} is addressed.`
          : null,
      workaround: knownError || (analysed && random() < 0.3) ? pick(cause.workarounds) + '.' : null,
      known_error: knownError,
      known_error_at: knownError ? new Date(openedAt + 7 * DAY).toISOString() : null,
      known_error_by: knownError ? pick(['paul', 'sam', 'ada', 'nina']) : null,
      resolution_code: resolutionCode,
      resolution_notes: resolutionNotes,
      opened_at: new Date(openedAt).toISOString(),
    };
  };
}

/**
 * What agents type into the KEDB: a symptom word, a component and a symptom, an error code, a
 * quoted phrase of a workaround. No `or` and no `-not`, so that the ILIKE baseline asks the same.
 */
export function knownErrorQueries(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  /** A telling word of the text (five letters or more), else the whole text ("runs at 100% CPU"). */
  const word = (text: string) => {
    const words = text.split(/\s+/).filter((w) => /^[a-z]{5,}$/i.test(w));
    return words.length > 0 ? pick(words) : text;
  };
  const makers = [
    () => word(pick(SYMPTOMS)),
    () => `${word(pick(COMPONENTS))} ${word(pick(SYMPTOMS))}`,
    () => pick(ERRORS).split(':')[0]!.trim(),
    () => `"${pick(CAUSES).workarounds[0]!.split(' ').slice(0, 3).join(' ').toLowerCase()}"`,
    () => `${word(pick(CAUSES).text)} ${word(pick(COMPONENTS))}`,
  ];
  return Array.from({ length: count }, () => pick(makers)());
}

/** The query as the ILIKE baseline reads it: each quoted phrase or word must appear somewhere. */
export function ilikePatterns(query: string): string[] {
  const phrases = [...query.matchAll(/"([^"]+)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  return phrases.map((phrase) => `%${phrase.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
