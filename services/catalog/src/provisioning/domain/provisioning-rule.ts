import type { Answers, VariableDefinition } from '../../catalog-items/domain/variables';

/**
 * What fulfilling an item makes elsewhere (flow 7): a CI in the CMDB, of a class, named by a
 * template of the form's answers (`vm-{hostname}`), with attributes taken from answers; and/or a
 * standard change from a published template of the change service.
 */
export interface ProvisioningRule {
  ci?: CiProvisioning;
  change?: ChangeProvisioning;
}

export interface CiProvisioning {
  className: string;
  /** `{variable}` is replaced by that variable's answer. */
  nameTemplate: string;
  /** The CI's attribute ← the variable whose answer it takes. */
  attributes: Record<string, string>;
}

export interface ChangeProvisioning {
  templateId: string;
}

/** A CI to create, as the catalog asks the CMDB for it. */
export interface CiToProvision {
  className: string;
  name: string;
  attributes: Record<string, unknown>;
}

export interface ProvisioningError {
  field: string;
  message: string;
  allowed?: readonly unknown[];
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

const placeholdersOf = (template: string) =>
  [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);

/**
 * What is wrong with a rule against the item's form: a variable it names that the form does not
 * have, or a name that could come out empty (a name takes only answers that are always given).
 */
export function provisioningErrors(
  rule: ProvisioningRule,
  variables: readonly VariableDefinition[],
): ProvisioningError[] {
  const { ci, change } = rule;
  if (!ci && !change) {
    return [{ field: 'provisioning', message: 'provisioning makes a CI, a change, or both' }];
  }
  if (!ci) return [];
  const names = variables.map((v) => v.name);
  const errors: ProvisioningError[] = [];
  const unknown = (field: string, variable: string) =>
    errors.push({
      field,
      message: `${variable} is not a variable of the form`,
      allowed: names,
    });
  const field = 'provisioning.ci.nameTemplate';
  const placeholders = placeholdersOf(ci.nameTemplate);
  if (placeholders.length === 0 && ci.nameTemplate.trim() === '') {
    errors.push({ field, message: 'the name template is empty' });
  }
  for (const name of placeholders) {
    const variable = variables.find((v) => v.name === name);
    if (!variable) unknown(field, name);
    else if (!variable.required || variable.showWhen) {
      errors.push({
        field,
        message: `${name} may be left unanswered: a name takes only required, unconditional variables`,
      });
    }
  }
  for (const [attribute, variable] of Object.entries(ci.attributes)) {
    if (!names.includes(variable)) unknown(`provisioning.ci.attributes.${attribute}`, variable);
  }
  return errors;
}

/** The CI a requested item's answers make: the name filled in, the answered attributes mapped. */
export function ciToProvision(ci: CiProvisioning, answers: Answers): CiToProvision {
  const attributes: Record<string, unknown> = {};
  for (const [attribute, variable] of Object.entries(ci.attributes)) {
    const answer = answers[variable];
    if (answer !== undefined && answer !== null) attributes[attribute] = answer;
  }
  return {
    className: ci.className,
    name: ci.nameTemplate.replace(PLACEHOLDER, (_, name: string) => textOf(answers[name])),
    attributes,
  };
}

function textOf(answer: unknown): string {
  if (answer === undefined || answer === null) return '';
  return Array.isArray(answer) ? answer.join(',') : String(answer);
}
