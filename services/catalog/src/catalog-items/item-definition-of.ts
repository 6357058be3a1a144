import type { ApprovalDto, PlanStepDto, PriceDto, VariableDto } from './catalog-item.dto';
import type { ApprovalRule, PlanStep, Price } from './domain/item-definition';
import type { VariableDefinition } from './domain/variables';

/** The stored form of a variable: `required` spelt out, nothing undefined kept in the JSON. */
export function variableOf(dto: VariableDto): VariableDefinition {
  return definedOnly({
    name: dto.name,
    label: dto.label,
    type: dto.type,
    required: dto.required ?? false,
    default: dto.default,
    pattern: dto.pattern,
    min: dto.min,
    max: dto.max,
    choices: dto.choices,
    ciClass: dto.ciClass,
    showWhen: dto.showWhen && { variable: dto.showWhen.variable, equals: dto.showWhen.equals },
  });
}

export const planOf = (steps: PlanStepDto[]): PlanStep[] =>
  steps.map(({ stage, shortDescription, assignmentGroup }) => ({
    stage,
    shortDescription,
    assignmentGroup,
  }));

export const approvalOf = (dto: ApprovalDto): ApprovalRule =>
  definedOnly({ kind: dto.kind, group: dto.group, quorum: dto.quorum });

export const priceOf = (dto: PriceDto): Price => ({ amount: dto.amount, currency: dto.currency });

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
