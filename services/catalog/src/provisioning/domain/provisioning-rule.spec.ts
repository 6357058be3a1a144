import type { VariableDefinition } from '../../catalog-items/domain/variables';
import { ciToProvision, provisioningErrors, type CiProvisioning } from './provisioning-rule';

const variable = (name: string, extra: Partial<VariableDefinition> = {}): VariableDefinition => ({
  name,
  label: name,
  type: 'text',
  required: true,
  ...extra,
});
const form = [
  variable('hostname'),
  variable('cpu', { type: 'number' }),
  variable('environment', { type: 'choice', choices: ['dev', 'prod'] }),
  variable('notes', { required: false }),
];
const vm: CiProvisioning = {
  className: 'linux_server',
  nameTemplate: 'vm-{hostname}-{environment}',
  attributes: { cpu_count: 'cpu', notes: 'notes' },
};

describe('provisioning a CI from a requested item', () => {
  it('accepts a rule naming the variables of the form', () => {
    expect(provisioningErrors({ ci: vm, change: { templateId: 't' } }, form)).toEqual([]);
    expect(provisioningErrors({ change: { templateId: 't' } }, form)).toEqual([]);
  });

  it('names every unknown variable, in the name template and in the attribute mapping', () => {
    const rule = {
      ci: { ...vm, nameTemplate: 'vm-{host}', attributes: { cpu_count: 'cpus', ram: 'cpu' } },
    };
    expect(provisioningErrors(rule, form)).toEqual([
      {
        field: 'provisioning.ci.nameTemplate',
        message: 'host is not a variable of the form',
        allowed: ['hostname', 'cpu', 'environment', 'notes'],
      },
      {
        field: 'provisioning.ci.attributes.cpu_count',
        message: 'cpus is not a variable of the form',
        allowed: ['hostname', 'cpu', 'environment', 'notes'],
      },
    ]);
  });

  it('refuses a name that an unanswered variable could leave empty', () => {
    const errors = provisioningErrors({ ci: { ...vm, nameTemplate: '{notes}' } }, form);
    expect(errors.map((e) => e.field)).toEqual(['provisioning.ci.nameTemplate']);
    expect(errors[0]!.message).toMatch(/notes may be left unanswered/);
  });

  it('refuses a rule that provisions nothing', () => {
    expect(provisioningErrors({}, form)).toEqual([
      { field: 'provisioning', message: 'provisioning makes a CI, a change, or both' },
    ]);
  });

  it('fills the name in and maps the answered variables to attributes', () => {
    expect(ciToProvision(vm, { hostname: 'web7', cpu: 4, environment: 'prod' })).toEqual({
      className: 'linux_server',
      name: 'vm-web7-prod',
      attributes: { cpu_count: 4 },
    });
  });
});
