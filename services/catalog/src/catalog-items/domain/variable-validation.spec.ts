import { formSchema, TEXT_ANSWER_MAX_LENGTH } from './form-schema';
import { formValidator } from './variable-validation';
import type { VariableDefinition } from './variables';

const vm: VariableDefinition[] = [
  {
    name: 'hostname',
    label: 'Host name',
    type: 'text',
    required: true,
    pattern: '[a-z][a-z0-9-]*',
    max: 63,
  },
  { name: 'cpu', label: 'vCPUs', type: 'number', required: true, min: 1, max: 32, default: 2 },
  {
    name: 'environment',
    label: 'Environment',
    type: 'choice',
    required: true,
    choices: ['dev', 'staging', 'prod'],
  },
  {
    name: 'features',
    label: 'Features',
    type: 'multi_choice',
    required: false,
    choices: ['backup', 'monitoring'],
    max: 2,
  },
  { name: 'neededBy', label: 'Needed by', type: 'date', required: false },
  { name: 'public', label: 'Public IP', type: 'boolean', required: false, default: false },
  {
    name: 'justification',
    label: 'Why public',
    type: 'text',
    required: true,
    showWhen: { variable: 'public', equals: true },
  },
  {
    name: 'cluster',
    label: 'Cluster',
    type: 'ci_reference',
    required: false,
    ciClass: 'kubernetes_cluster',
  },
  { name: 'owner', label: 'Owner', type: 'user_reference', required: false },
];
const validate = formValidator(vm);
const good = { hostname: 'web-1', environment: 'prod' };

describe('validating a request against the form of an item', () => {
  it('accepts good answers and fills in the defaults of the variables left out', () => {
    expect(validate({ ...good, features: ['backup'], neededBy: '2027-01-31' })).toEqual({
      answers: { ...good, features: ['backup'], neededBy: '2027-01-31', cpu: 2, public: false },
      errors: [],
    });
  });

  it('names each wrong variable at once, with the values it allows', () => {
    const outcome = validate({
      hostname: 'Web_1',
      cpu: 64,
      environment: 'qa',
      features: ['backup', 'backup'],
      neededBy: '31/01/2027',
      cluster: 'not-a-uuid',
      colour: 'red',
    });
    expect(outcome.errors).toEqual(
      expect.arrayContaining([
        {
          variable: 'hostname',
          message: 'hostname must be text of at most 63 characters matching [a-z][a-z0-9-]*',
        },
        { variable: 'cpu', message: 'cpu must be a number of 1 to 32' },
        {
          variable: 'environment',
          message: 'environment must be one of: dev, staging, prod',
          allowed: ['dev', 'staging', 'prod'],
        },
        expect.objectContaining({ variable: 'features', allowed: ['backup', 'monitoring'] }),
        { variable: 'neededBy', message: 'neededBy must be a date (YYYY-MM-DD)' },
        { variable: 'cluster', message: 'cluster must be the id (a UUID) of a configuration item' },
        expect.objectContaining({ variable: 'colour', message: 'the form has no variable colour' }),
      ]),
    );
    expect(outcome.errors).toHaveLength(7);
  });

  it('requires the required variables, names a wrong type like a wrong value, in form order', () => {
    expect(validate({ cpu: '4' }).errors).toEqual([
      { variable: 'hostname', message: 'hostname is required' },
      { variable: 'cpu', message: 'cpu must be a number of 1 to 32' },
      { variable: 'environment', message: 'environment is required' },
    ]);
  });

  it('asks a conditional variable only while its condition holds', () => {
    expect(validate({ ...good, public: true }).errors).toEqual([
      { variable: 'justification', message: 'justification is required' },
    ]);
    expect(validate({ ...good, public: true, justification: 'A web shop' }).errors).toEqual([]);
    expect(validate({ ...good, justification: 'A web shop' }).errors).toEqual([
      { variable: 'justification', message: 'justification is asked only when public is true' },
    ]);
  });

  it('validates with the very schema it publishes, so that a portal and the service agree', () => {
    const schema = formSchema('New VM', vm);
    expect(schema).toMatchObject({
      title: 'New VM',
      required: ['hostname', 'cpu', 'environment'],
      additionalProperties: false,
      'x-order': vm.map((v) => v.name),
    });
    expect((schema.properties as Record<string, unknown>).cluster).toEqual({
      title: 'Cluster',
      type: 'string',
      format: 'uuid',
      'x-reference': { kind: 'configuration_item', class: 'kubernetes_cluster' },
    });
    expect(schema.allOf).toEqual([
      {
        if: { properties: { public: { const: true } }, required: ['public'] },
        then: { required: ['justification'] },
        else: { properties: { justification: false } },
      },
    ]);
  });

  it('bounds a text answer whose variable sets no max, so that a request cannot store megabytes', () => {
    const note = formValidator([{ name: 'note', label: 'Note', type: 'text', required: false }]);
    expect(note({ note: 'x'.repeat(TEXT_ANSWER_MAX_LENGTH) }).errors).toEqual([]);
    expect(note({ note: 'x'.repeat(TEXT_ANSWER_MAX_LENGTH + 1) }).errors).toEqual([
      {
        variable: 'note',
        message: `note must be text of at most ${TEXT_ANSWER_MAX_LENGTH} characters`,
      },
    ]);
  });

  it('matches a pattern against the whole answer, as an HTML form does', () => {
    expect(validate({ ...good, hostname: 'web-1 ; rm' }).errors.map((e) => e.variable)).toEqual([
      'hostname',
    ]);
  });

  it("stops at its time budget when a pattern backtracks catastrophically, naming the pattern's variable", () => {
    const backtracking = formValidator(
      [
        { name: 'code', label: 'Code', type: 'text', required: true, pattern: '(a+)+b' },
        { name: 'team', label: 'Team', type: 'text', required: false, pattern: '[a-z]+' },
        { name: 'note', label: 'Note', type: 'text', required: false },
      ],
      50,
    );
    const started = Date.now();
    const outcome = backtracking({ code: `${'a'.repeat(40)}!`, note: 'hi' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(outcome.errors).toEqual([
      {
        variable: 'code',
        message:
          'code could not be checked against its pattern (a+)+b within 50 ms: ask the catalog manager to simplify the pattern',
      },
    ]);
    expect(backtracking({ code: 'aab', team: 'ops' })).toEqual({
      answers: { code: 'aab', team: 'ops' },
      errors: [],
    });
  });
});
