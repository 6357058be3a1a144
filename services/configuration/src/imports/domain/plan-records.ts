import type { ClassNode } from '../../classes/domain/class-hierarchy';
import { validateAttributes } from '../../classes/domain/attribute-schema';
import { newCi, type Ci } from '../../cis/domain/ci';
import type { ImportRecord } from '../import.schema';
import type { Identity } from './ci-index';
import type { ImportContext, ImportPlan, RecordResult } from './import-plan';
import { dnsLowerCased, identityOf, incomingFields } from './import-record';
import { fieldsOf, mergeWithAuthority, sourcesOf, type IncomingFields } from './reconciliation';

type Base = Pick<RecordResult, 'index' | 'className' | 'name'>;

/**
 * Plans what a batch does to the CMDB, record by record and in order: each record is identified by
 * its class's identification rules, merged field by field under the data sources' authority, and
 * validated against its class. A planned change applies at once to the index's CI, so that a later
 * record of the same CI in the batch sees it.
 */
export function planRecords(
  records: readonly ImportRecord[],
  context: ImportContext,
): { plan: ImportPlan; results: RecordResult[] } {
  const plan: ImportPlan = { created: new Map(), updated: new Map(), relationships: [] };
  const results = records.map((record, index) => planRecord(record, index, context, plan));
  return { plan, results };
}

function planRecord(
  record: ImportRecord,
  index: number,
  context: ImportContext,
  plan: ImportPlan,
): RecordResult {
  const base: Base = {
    index,
    className: record.className,
    ...(record.name ? { name: record.name } : {}),
  };
  const identity = identityOf(context.hierarchy, record);
  if (!identity) return rejected(base, `className ${record.className} is not a CI class`);
  const match = context.cis.match(identity);
  if (match.kind === 'unidentifiable') {
    return rejected(
      base,
      `no identification rule of ${record.className} is complete: give one of ${match.rules.map((r) => r.join('+')).join(' | ') || '(the class has no rules)'}`,
    );
  }
  if (match.kind === 'ambiguous') {
    return rejected(
      base,
      `${match.count} CIs match by ${match.rule.join('+')}: resolve the duplicates first`,
    );
  }
  const incoming = incomingFields(record);
  if (match.kind === 'found') return planUpdate(match.ci, incoming, base, context, plan);
  return planCreation(record, identity, incoming, base, context, plan);
}

function planUpdate(
  ci: Ci,
  incoming: IncomingFields,
  base: Base,
  context: ImportContext,
  plan: ImportPlan,
): RecordResult {
  const { source, rankOf, hierarchy } = context;
  const merged = mergeWithAuthority(fieldsOf(ci), ci.fieldSources, incoming, source, rankOf);
  const result = { ...base, ciId: ci.id, ...(merged.kept.length ? { kept: merged.kept } : {}) };
  if (merged.changes.length === 0) return { ...result, outcome: 'unchanged' };
  const invalid = attributeErrors(
    hierarchy.get(ci.classId)!,
    merged.fields.attributes,
    context,
    new Set(merged.changes.map((change) => change.field)),
  );
  if (invalid) return rejected(base, ...invalid);
  const pending = plan.updated.get(ci.id);
  const fromStatus = pending?.fromStatus ?? ci.operationalStatus;
  Object.assign(ci, merged.fields, { fieldSources: merged.sources });
  // A CI the batch creates is written once, as created, with every later record's changes.
  if (!plan.created.has(ci.id)) {
    plan.updated.set(ci.id, {
      ci,
      changes: [...(pending?.changes ?? []), ...merged.changes],
      fromStatus,
    });
  }
  context.cis.add(ci);
  return { ...result, outcome: 'updated', changes: merged.changes };
}

function planCreation(
  record: ImportRecord,
  identity: Identity,
  incoming: IncomingFields,
  base: Base,
  context: ImportContext,
  plan: ImportPlan,
): RecordResult {
  if (!record.name) return rejected(base, 'name is required to create a CI');
  const ciClass = context.hierarchy.named(record.className)!;
  const identifiers = dnsLowerCased(record.identifiers) ?? {};
  const attributes = record.attributes ?? {};
  const invalid = attributeErrors(ciClass, attributes, context);
  if (invalid) return rejected(base, ...invalid);
  const ci: Ci = {
    ...newCi(
      { ...record, ...identifiers, name: record.name, attributes },
      { classId: ciClass.id, identityClassId: identity.scopeId, createdBy: context.actor },
    ),
    id: context.newId(),
    fieldSources: sourcesOf(incoming, context.source),
    version: 1,
  };
  plan.created.set(ci.id, ci);
  context.cis.add(ci);
  return { ...base, outcome: 'created', ciId: ci.id };
}

/**
 * Why the attributes do not fit the class, one reason per field; undefined when they fit. A reference
 * the record sets (every one, for a new CI) must name an existing CI of its class, as through the API.
 */
function attributeErrors(
  ciClass: ClassNode,
  attributes: Record<string, unknown>,
  { hierarchy, referencedCis }: ImportContext,
  changedFields?: ReadonlySet<string>,
): string[] | undefined {
  const { errors, references } = validateAttributes(
    hierarchy.attributesOf(ciClass.id),
    attributes,
    ciClass.name,
  );
  for (const { field, ciId, referenceClass } of references) {
    if (changedFields && !changedFields.has(field)) continue;
    const classId = referencedCis.get(ciId);
    if (classId === undefined || !hierarchy.isA(classId, referenceClass)) {
      errors.push({ field, message: `${field} must name an existing ${referenceClass} CI` });
    }
  }
  return errors.length ? errors.map((e) => `${e.field}: ${e.message}`) : undefined;
}

function rejected(base: Base, ...reasons: string[]): RecordResult {
  return { ...base, outcome: 'rejected', reasons };
}
