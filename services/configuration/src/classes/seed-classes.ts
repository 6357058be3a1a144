import type { AttributeDefinition } from './domain/attribute-schema';
import type { IdentifierField } from './domain/class-hierarchy';

export interface SeedClass {
  name: string;
  label: string;
  parent?: string;
  attributes: AttributeDefinition[];
  identificationRules: IdentifierField[][];
}

const IPV4 = '(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}';
const hardware: AttributeDefinition[] = [
  { name: 'cpuCount', type: 'integer', min: 1, max: 4096 },
  { name: 'memoryGb', type: 'number', min: 0 },
  { name: 'ipAddress', type: 'string', pattern: IPV4 },
];

/** The classes every CMDB starts with (DOMAIN.md); more are created through the API. */
export const SEED_CLASSES: readonly SeedClass[] = [
  {
    name: 'business_service',
    label: 'Business service',
    attributes: [
      { name: 'serviceOwner', type: 'string' },
      { name: 'slaTier', type: 'enum', values: ['gold', 'silver', 'bronze'] },
      { name: 'customerFacing', type: 'boolean' },
    ],
    identificationRules: [['name']],
  },
  {
    name: 'application',
    label: 'Application',
    attributes: [
      { name: 'vendor', type: 'string' },
      { name: 'version', type: 'string', max: 64 },
      { name: 'url', type: 'string', pattern: 'https?://.+' },
    ],
    identificationRules: [['name']],
  },
  {
    name: 'database',
    label: 'Database',
    attributes: [
      {
        name: 'engine',
        type: 'enum',
        required: true,
        values: ['postgresql', 'mysql', 'oracle', 'sqlserver', 'mongodb', 'other'],
      },
      { name: 'version', type: 'string', max: 64 },
      { name: 'port', type: 'integer', min: 1, max: 65535 },
    ],
    identificationRules: [['fqdn'], ['hostName', 'name'], ['name']],
  },
  {
    name: 'server',
    label: 'Server',
    attributes: [...hardware, { name: 'os', type: 'string' }, { name: 'location', type: 'string' }],
    identificationRules: [['serialNumber'], ['fqdn'], ['hostName']],
  },
  {
    name: 'linux_server',
    label: 'Linux server',
    parent: 'server',
    attributes: [
      { name: 'distribution', type: 'string' },
      { name: 'kernel', type: 'string' },
    ],
    identificationRules: [],
  },
  {
    name: 'windows_server',
    label: 'Windows server',
    parent: 'server',
    attributes: [
      { name: 'edition', type: 'string' },
      { name: 'domain', type: 'string' },
    ],
    identificationRules: [],
  },
  {
    name: 'virtual_machine',
    label: 'Virtual machine',
    attributes: [
      ...hardware,
      { name: 'hypervisor', type: 'string' },
      { name: 'os', type: 'string' },
    ],
    identificationRules: [['cloudId'], ['fqdn'], ['hostName']],
  },
  {
    name: 'network_device',
    label: 'Network device',
    attributes: [
      {
        name: 'deviceType',
        type: 'enum',
        required: true,
        values: ['router', 'switch', 'firewall', 'access_point'],
      },
      { name: 'vendor', type: 'string' },
      { name: 'ipAddress', type: 'string', pattern: IPV4 },
    ],
    identificationRules: [['serialNumber'], ['hostName']],
  },
  {
    name: 'load_balancer',
    label: 'Load balancer',
    attributes: [
      { name: 'vip', type: 'string', pattern: IPV4 },
      { name: 'algorithm', type: 'enum', values: ['round_robin', 'least_connections', 'ip_hash'] },
    ],
    identificationRules: [['serialNumber'], ['fqdn'], ['hostName']],
  },
  {
    name: 'storage',
    label: 'Storage',
    attributes: [
      { name: 'storageType', type: 'enum', values: ['san', 'nas', 'object', 'block'] },
      { name: 'capacityTb', type: 'number', min: 0 },
    ],
    identificationRules: [['serialNumber'], ['name']],
  },
  {
    name: 'cloud_service',
    label: 'Cloud service',
    attributes: [
      { name: 'provider', type: 'enum', required: true, values: ['aws', 'azure', 'gcp', 'other'] },
      { name: 'region', type: 'string' },
      { name: 'accountId', type: 'string' },
    ],
    identificationRules: [['cloudId'], ['name']],
  },
];

/** Data sources and their authority: people first, then discovery, then spreadsheets. */
export const SEED_DATA_SOURCES = [
  { name: 'manual', rank: 100, description: 'Changes made by people through the API' },
  { name: 'discovery', rank: 50, description: 'Network and cloud discovery tools' },
  { name: 'monitoring', rank: 40, description: 'Monitoring: operational status' },
  { name: 'spreadsheet', rank: 10, description: 'Imported spreadsheets' },
] as const;
