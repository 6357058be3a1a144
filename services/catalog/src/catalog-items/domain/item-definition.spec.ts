import { TEXT_ANSWER_MAX_LENGTH } from './form-schema';
import { definitionErrors, type ItemDefinition } from './item-definition';

const base: ItemDefinition = {
  shortDescription: 'A laptop',
  description: null,
  categoryId: null,
  variables: [
    { name: 'model', label: 'Model', type: 'choice', required: true, choices: ['13"', '15"'] },
  ],
  plan: [{ stage: 1, shortDescription: 'Ship it', assignmentGroup: 'service-desk' }],
  approval: { kind: 'none' },
  price: null,
  deliveryTargetHours: 72,
  orderableBy: null,
  provisioning: null,
};

describe('the rules of an item definition as a whole', () => {
  it('accepts a consistent definition', () => {
    expect(definitionErrors(base)).toEqual([]);
  });

  it('names variables used twice, choice variables without choices and broken patterns', () => {
    expect(
      definitionErrors({
        ...base,
        variables: [
          { name: 'a', label: 'A', type: 'choice', required: false },
          { name: 'a', label: 'A', type: 'text', required: false, pattern: '(' },
        ],
      }).map((e) => e.field),
    ).toEqual(['variables.0.choices', 'variables.1.name', 'variables.1.pattern']);
  });

  it('refuses a default that takes longer to check than an order may, within that time', () => {
    const started = Date.now();
    const errors = definitionErrors({
      ...base,
      variables: [
        {
          name: 'code',
          label: 'Code',
          type: 'text',
          required: false,
          pattern: '(a+)+b',
          default: `${'a'.repeat(40)}!`,
        },
      ],
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(errors).toEqual([
      {
        field: 'variables.0.default',
        message: expect.stringMatching(/could not be checked against its pattern .* within 50 ms/),
      },
    ]);
  });

  it('refuses a default that breaks its own variable, and a condition on a later variable', () => {
    expect(
      definitionErrors({
        ...base,
        variables: [
          {
            name: 'size',
            label: 'Size',
            type: 'number',
            required: false,
            min: 1,
            max: 4,
            default: 9,
          },
          {
            name: 'why',
            label: 'Why',
            type: 'text',
            required: false,
            showWhen: { variable: 'later', equals: 1 },
          },
        ],
      }),
    ).toEqual([
      {
        field: 'variables.0.default',
        message: "the default breaks the variable's own rule: size must be a number of 1 to 4",
      },
      {
        field: 'variables.1.showWhen.variable',
        message: 'a condition names an earlier variable',
        allowed: ['size'],
      },
    ]);
  });

  it('refuses a text variable allowing answers longer than any text answer may be', () => {
    const text = { name: 'note', label: 'Note', type: 'text', required: false } as const;
    expect(
      definitionErrors({
        ...base,
        variables: [
          { ...text, max: TEXT_ANSWER_MAX_LENGTH + 1 },
          { ...text, name: 'other', min: TEXT_ANSWER_MAX_LENGTH + 1 },
          { ...text, name: 'fine', max: TEXT_ANSWER_MAX_LENGTH },
        ],
      }),
    ).toEqual([
      {
        field: 'variables.0.max',
        message: `a text answer holds at most ${TEXT_ANSWER_MAX_LENGTH} characters`,
      },
      {
        field: 'variables.1.min',
        message: `a text answer holds at most ${TEXT_ANSWER_MAX_LENGTH} characters`,
      },
    ]);
  });

  it('needs a plan of stages numbered without gaps', () => {
    expect(definitionErrors({ ...base, plan: [] }).map((e) => e.message)).toEqual([
      'the plan needs at least one task',
    ]);
    expect(
      definitionErrors({
        ...base,
        plan: [{ stage: 2, shortDescription: 'x', assignmentGroup: 'network' }],
      }).map((e) => e.message),
    ).toEqual(['stages are numbered 1, 2, 3… without gaps; stage 1 is missing']);
  });

  it('needs a group and a quorum for a group approval, and only then', () => {
    expect(definitionErrors({ ...base, approval: { kind: 'group', group: 'cab' } })).toHaveLength(
      1,
    );
    expect(definitionErrors({ ...base, approval: { kind: 'manager', quorum: 2 } })).toHaveLength(1);
    expect(
      definitionErrors({ ...base, approval: { kind: 'group', group: 'cab', quorum: 2 } }),
    ).toEqual([]);
  });

  it('checks a provisioning rule against the form, naming each unknown variable', () => {
    const provisioning = {
      ci: { className: 'laptop', nameTemplate: 'lt-{model}', attributes: { size: 'screen' } },
    };
    expect(definitionErrors({ ...base, provisioning }).map((e) => e.field)).toEqual([
      'provisioning.ci.attributes.size',
    ]);
  });
});
