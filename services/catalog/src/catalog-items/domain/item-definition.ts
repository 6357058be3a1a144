import {
  provisioningErrors,
  type ProvisioningRule,
} from '../../provisioning/domain/provisioning-rule';
import { TEXT_ANSWER_MAX_LENGTH } from './form-schema';
import { FORM_CHECK_BUDGET_MS } from './time-budget';
import { formValidator } from './variable-validation';
import { VARIABLE_TYPES, type VariableDefinition } from './variables';

/** One task of the fulfilment plan; tasks of one stage run in parallel, stages one after another. */
export interface PlanStep {
  stage: number;
  shortDescription: string;
  assignmentGroup: string;
}

export const APPROVAL_KINDS = ['none', 'manager', 'group'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** Who approves a requested item before it is fulfilled: nobody, the requester's manager, or a group. */
export interface ApprovalRule {
  kind: ApprovalKind;
  /** `group`: the approving group, and how many of its members must approve. */
  group?: string;
  quorum?: number;
}

export interface Price {
  amount: number;
  currency: string;
}

/** What a version of an item says: its form, its plan, its approval, its price and audience. */
export interface ItemDefinition {
  shortDescription: string;
  description: string | null;
  categoryId: string | null;
  variables: VariableDefinition[];
  plan: PlanStep[];
  approval: ApprovalRule;
  price: Price | null;
  /** The delivery target, in hours from submission. */
  deliveryTargetHours: number | null;
  /** The groups whose members may order it; null: everyone. */
  orderableBy: string[] | null;
  /** What fulfilling it makes in the CMDB and the change service (flow 7); null: nothing. */
  provisioning: ProvisioningRule | null;
}

export interface DefinitionError {
  field: string;
  message: string;
  allowed?: readonly unknown[];
}

/**
 * What is wrong with a definition as a whole, beyond each field's own type: a version with these
 * errors could never be ordered or fulfilled as meant.
 */
export function definitionErrors(d: ItemDefinition): DefinitionError[] {
  return [
    ...variableErrors(d.variables),
    ...planErrors(d.plan),
    ...approvalErrors(d.approval),
    ...(d.provisioning ? provisioningErrors(d.provisioning, d.variables) : []),
  ];
}

function variableErrors(variables: readonly VariableDefinition[]): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const earlier = new Map<string, VariableDefinition>();
  // The defaults share one time budget, as an order that leaves them all out does.
  let checking = 0;
  variables.forEach((v, i) => {
    const at = (field: string) => `variables.${i}.${field}`;
    if (earlier.has(v.name)) errors.push({ field: at('name'), message: `${v.name} is used twice` });
    const offersChoices = v.type === 'choice' || v.type === 'multi_choice';
    if (offersChoices && !v.choices?.length) {
      errors.push({ field: at('choices'), message: `a ${v.type} variable needs choices` });
    }
    if (!offersChoices && v.choices !== undefined) {
      errors.push({ field: at('choices'), message: 'only choice variables have choices' });
    }
    if (v.pattern !== undefined && (v.type !== 'text' || !compiles(v.pattern))) {
      errors.push({
        field: at('pattern'),
        message: 'a pattern is a valid regular expression of a text variable',
      });
    }
    const bounded = ['text', 'number', 'multi_choice'].includes(v.type);
    if ((v.min !== undefined || v.max !== undefined) && !bounded) {
      errors.push({
        field: at('min'),
        message: 'only text, number and multi-choice variables have bounds',
        allowed: ['text', 'number', 'multi_choice'],
      });
    }
    const longest = v.max ?? v.min;
    if (v.type === 'text' && longest !== undefined && longest > TEXT_ANSWER_MAX_LENGTH) {
      errors.push({
        field: at(v.max !== undefined ? 'max' : 'min'),
        message: `a text answer holds at most ${TEXT_ANSWER_MAX_LENGTH} characters`,
      });
    }
    if (v.min !== undefined && v.max !== undefined && v.min > v.max) {
      errors.push({ field: at('max'), message: 'max must not be below min' });
    }
    if (v.ciClass !== undefined && v.type !== 'ci_reference') {
      errors.push({
        field: at('ciClass'),
        message: 'only a ci_reference variable names a CI class',
      });
    }
    if (v.showWhen) {
      const on = earlier.get(v.showWhen.variable);
      if (!['string', 'number', 'boolean'].includes(typeof v.showWhen.equals)) {
        errors.push({
          field: at('showWhen.equals'),
          message: 'a condition compares with text, a number or true/false',
        });
      }
      if (!on) {
        errors.push({
          field: at('showWhen.variable'),
          message: 'a condition names an earlier variable',
          allowed: [...earlier.keys()],
        });
      }
    }
    if (!VARIABLE_TYPES.includes(v.type)) return;
    if (v.default !== undefined && errors.length === 0) {
      const validate = formValidator([
        { ...v, required: false, showWhen: undefined, default: undefined },
      ]);
      const started = performance.now();
      const outcome = validate(
        { [v.name]: v.default },
        Math.max(1, FORM_CHECK_BUDGET_MS - checking),
      );
      checking += performance.now() - started;
      if (outcome.errors.length > 0) {
        errors.push({
          field: at('default'),
          message: `the default breaks the variable's own rule: ${outcome.errors[0]!.message}`,
        });
      }
    }
    earlier.set(v.name, v);
  });
  return errors;
}

function planErrors(plan: readonly PlanStep[]): DefinitionError[] {
  if (plan.length === 0) return [{ field: 'plan', message: 'the plan needs at least one task' }];
  const stages = [...new Set(plan.map((s) => s.stage))].sort((a, b) => a - b);
  const gap = stages.findIndex((stage, i) => stage !== i + 1);
  return gap === -1
    ? []
    : [
        {
          field: 'plan',
          message: `stages are numbered 1, 2, 3… without gaps; stage ${gap + 1} is missing`,
        },
      ];
}

function approvalErrors(rule: ApprovalRule): DefinitionError[] {
  if (rule.kind === 'group' && (!rule.group || !rule.quorum)) {
    return [{ field: 'approval', message: 'a group approval names its group and its quorum' }];
  }
  if (rule.kind !== 'group' && (rule.group !== undefined || rule.quorum !== undefined)) {
    return [{ field: 'approval', message: 'only a group approval has a group and a quorum' }];
  }
  return [];
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
