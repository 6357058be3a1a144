import { spawn } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  canConnect,
  isProcessAlive,
  livePid,
  run,
  stopPidFileProcess,
  waitUntil,
  which,
} from './processes';
import { workspaceRoot } from './workspace';

export interface KafkaBrokerOptions {
  /** Holds `data/`, `server.properties`, `kafka.log` and `kafka.pid`. */
  baseDir: string;
  port: number;
  controllerPort: number;
  heap?: string;
  /**
   * Clients must sign in with SASL/SCRAM on `port`; the broker itself keeps a plaintext listener on
   * `internalPort` for its own traffic. Used to test the platform's Kafka credentials.
   */
  scram?: { username: string; password: string; internalPort: number };
}

/** The folder of the Maven project that resolves the broker's jars from Maven Central. */
export function kafkaDistributionDir(): string {
  return join(workspaceRoot(), 'deploy', 'local', 'kafka');
}

/**
 * A single-node Apache Kafka broker in KRaft combined mode (broker and controller in one JVM),
 * started from Maven Central's jars with the machine's Java 17.
 */
export class KafkaBroker {
  private readonly dataDir: string;
  private readonly pidFile: string;
  private readonly propertiesFile: string;
  readonly logFile: string;

  constructor(private readonly options: KafkaBrokerOptions) {
    this.dataDir = join(options.baseDir, 'data');
    this.pidFile = join(options.baseDir, 'kafka.pid');
    this.propertiesFile = join(options.baseDir, 'server.properties');
    this.logFile = join(options.baseDir, 'kafka.log');
  }

  get bootstrapServer(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  pid(): number | undefined {
    return livePid(this.pidFile);
  }

  isRunning(): boolean {
    return this.pid() !== undefined;
  }

  async start(): Promise<void> {
    if (this.isRunning()) return;
    if (await canConnect('127.0.0.1', this.options.port)) {
      throw new Error(
        `Port ${this.options.port} is taken by another process; set KAFKA_BROKERS to use it`,
      );
    }
    await ensureKafkaJars();
    mkdirSync(this.options.baseDir, { recursive: true });
    writeFileSync(this.propertiesFile, renderServerProperties(this.options, this.dataDir));
    await this.formatStorageOnce();

    const out = openSync(join(this.options.baseDir, 'stdout.log'), 'a');
    const child = spawn('java', [...this.jvmArgs(), 'kafka.Kafka', this.propertiesFile], {
      detached: true,
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    if (child.pid === undefined) throw new Error('Could not start java: is a JDK 17 installed?');
    writeFileSync(this.pidFile, String(child.pid));
    child.unref();

    await waitUntil(
      `Kafka on ${this.bootstrapServer} (log: ${this.logFile})`,
      async () => {
        if (!isProcessAlive(child.pid!))
          throw new Error(`Kafka exited during start-up; see ${this.logFile}`);
        return canConnect('127.0.0.1', this.options.port);
      },
      90_000,
    );
  }

  /** Stops the broker gracefully (a controlled shutdown), killing it if it does not stop in time. */
  async stop(): Promise<void> {
    await stopPidFileProcess(this.pidFile, 30_000);
  }

  /** Kills the broker without a controlled shutdown, as a crash would. */
  kill(): void {
    const pid = this.pid();
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
  }

  private jvmArgs(): string[] {
    const heap = this.options.heap ?? '512m';
    return [
      `-Xmx${heap}`,
      `-Xms${heap === '512m' ? '256m' : heap}`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dkafka.logs.file=${this.logFile}`,
      `-Dlog4j2.configurationFile=${join(kafkaDistributionDir(), 'log4j2.xml')}`,
      '-cp',
      `${join(kafkaDistributionDir(), 'lib')}/*`,
    ];
  }

  private async formatStorageOnce(): Promise<void> {
    if (existsSync(join(this.dataDir, 'meta.properties'))) return;
    const scram = this.options.scram;
    await run('java', [
      ...this.jvmArgs(),
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      '-t',
      newClusterId(),
      '-c',
      this.propertiesFile,
      ...(scram
        ? ['--add-scram', `SCRAM-SHA-256=[name=${scram.username},password=${scram.password}]`]
        : []),
    ]);
  }
}

export function renderServerProperties(options: KafkaBrokerOptions, dataDir: string): string {
  const client = options.scram
    ? `SASL_PLAINTEXT://127.0.0.1:${options.port},PLAINTEXT://127.0.0.1:${options.scram.internalPort}`
    : `PLAINTEXT://127.0.0.1:${options.port}`;
  return [
    '# Written by deploy/local at every start; edit deploy/local/src/kafka-broker.ts instead.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${options.controllerPort}`,
    `listeners=${client},CONTROLLER://127.0.0.1:${options.controllerPort}`,
    `advertised.listeners=${client}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
    ...(options.scram
      ? [
          'sasl.enabled.mechanisms=SCRAM-SHA-256',
          'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
        ]
      : []),
    `log.dirs=${dataDir}`,
    'num.partitions=3',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'delete.topic.enable=true',
    '',
  ].join('\n');
}

/** Kafka cluster ids are 16 random bytes in URL-safe base64; Kafka never issues one starting with '-'. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Resolves the broker's jars with Maven once, and again whenever the pom changes. */
export async function ensureKafkaJars(): Promise<void> {
  const dir = kafkaDistributionDir();
  const pom = readFileSync(join(dir, 'pom.xml'));
  const fingerprint = createHash('sha256').update(pom).digest('hex');
  const marker = join(dir, 'lib', '.resolved');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === fingerprint) return;
  if (!which('mvn'))
    throw new Error(
      'Maven (mvn) is needed to fetch the Kafka jars: run scripts/install-prerequisites.sh',
    );
  rmSync(join(dir, 'lib'), { recursive: true, force: true });
  await run('mvn', ['-q', '-B', '-f', join(dir, 'pom.xml'), 'dependency:copy-dependencies'], {
    timeoutMs: 900_000,
  });
  writeFileSync(marker, fingerprint);
}
