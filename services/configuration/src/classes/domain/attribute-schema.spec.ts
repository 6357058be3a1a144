import {
  validateAttributeDefinitions,
  validateAttributes,
  type AttributeDefinition,
} from './attribute-schema';

const schema: AttributeDefinition[] = [
  { name: 'engine', type: 'enum', values: ['postgresql', 'mysql'], required: true },
  { name: 'port', type: 'integer', min: 1, max: 65535 },
  { name: 'memoryGb', type: 'number', min: 0 },
  { name: 'hostPattern', type: 'string', pattern: '[a-z]+-\\d+', max: 20 },
  { name: 'encrypted', type: 'boolean' },
  { name: 'installedOn', type: 'date' },
  { name: 'cluster', type: 'reference', referenceClass: 'server' },
];

const fields = (attributes: Record<string, unknown>) =>
  validateAttributes(schema, attributes, 'database').errors.map((e) => e.field);

describe('validateAttributes', () => {
  it('accepts values of the right types within their rules', () => {
    const result = validateAttributes(
      schema,
      {
        engine: 'postgresql',
        port: 5432,
        memoryGb: 0.5,
        hostPattern: 'db-01',
        encrypted: true,
        installedOn: '2026-11-27',
        cluster: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      },
      'database',
    );
    expect(result.errors).toEqual([]);
    expect(result.references).toEqual([
      {
        field: 'attributes.cluster',
        ciId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        referenceClass: 'server',
      },
    ]);
  });

  it('names a missing required attribute and an unknown one, with the allowed names', () => {
    const { errors } = validateAttributes(schema, { colour: 'red' }, 'database');
    expect(errors).toEqual([
      {
        field: 'attributes.colour',
        message: 'colour is not an attribute of database',
        allowed: schema.map((d) => d.name),
      },
      { field: 'attributes.engine', message: 'engine is required for database' },
    ]);
  });

  it('names each value that breaks its type, bound, pattern or list', () => {
    expect(
      fields({
        engine: 'oracle',
        port: 5432.5,
        memoryGb: -1,
        hostPattern: 'DB_01',
        encrypted: 'yes',
        installedOn: '27/11/2026',
        cluster: 'db-host',
      }).sort(),
    ).toEqual([
      'attributes.cluster',
      'attributes.encrypted',
      'attributes.engine',
      'attributes.hostPattern',
      'attributes.installedOn',
      'attributes.memoryGb',
      'attributes.port',
    ]);
  });

  it('anchors patterns to the whole value', () => {
    expect(fields({ engine: 'mysql', hostPattern: 'xx db-1 yy' })).toEqual([
      'attributes.hostPattern',
    ]);
  });
});

describe('validateAttributeDefinitions', () => {
  it('refuses a redefined inherited attribute, an enum without values and an unknown reference class', () => {
    const errors = validateAttributeDefinitions(
      [
        { name: 'cpuCount', type: 'integer' },
        { name: 'tier', type: 'enum' },
        { name: 'owner', type: 'reference', referenceClass: 'person' },
        { name: 'Bad Name', type: 'string' },
        { name: 'rx', type: 'string', pattern: '(' },
      ],
      [{ name: 'cpuCount', type: 'integer' }],
      new Set(['server']),
    );
    expect(errors.map((e) => e.field)).toEqual([
      'attributes.0.name',
      'attributes.1.values',
      'attributes.2.referenceClass',
      'attributes.3.name',
      'attributes.4.pattern',
    ]);
  });
});
