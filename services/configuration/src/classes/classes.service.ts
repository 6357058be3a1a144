import { HttpStatus, Injectable } from '@nestjs/common';
import { problem, validationProblem, type FieldError } from '@itsm/http';
import { DataSource, type EntityManager } from 'typeorm';
import { validateAttributeDefinitions } from './domain/attribute-schema';
import { CiClass } from './ci-class.entity';
import { ClassHierarchy, RULE_FIELDS, type IdentifierField } from './domain/class-hierarchy';
import type { CreateClassRequest, UpdateClassRequest } from './class.dto';

export type Hierarchy = ClassHierarchy<CiClass>;

/** The class view of the API: own and inherited attributes, and the effective rules. */
export function classView(hierarchy: Hierarchy, c: CiClass) {
  return {
    id: c.id,
    name: c.name,
    label: c.label,
    description: c.description,
    parent: c.parentId ? (hierarchy.get(c.parentId)?.name ?? null) : null,
    attributes: hierarchy.attributesOf(c.id),
    ownAttributes: c.attributes,
    identificationRules: hierarchy.identificationRulesOf(c.id),
    version: c.version,
  };
}

@Injectable()
export class ClassesService {
  constructor(private readonly dataSource: DataSource) {}

  /** The class tree as it is now; small, so read per request and always current on every replica. */
  async hierarchy(manager: EntityManager = this.dataSource.manager): Promise<Hierarchy> {
    return new ClassHierarchy(await manager.find(CiClass, { order: { name: 'ASC' } }));
  }

  /** The class of a name, or 400 naming the field and the classes that exist. */
  classNamed(hierarchy: Hierarchy, name: string, field = 'className'): CiClass {
    const found = hierarchy.named(name);
    if (!found) {
      throw validationProblem([
        { field, message: `${field} must name a CI class`, allowed: [...hierarchy.names()] },
      ]);
    }
    return found;
  }

  async create(request: CreateClassRequest) {
    return this.dataSource.transaction(async (manager) => {
      const hierarchy = await this.hierarchy(manager);
      if (hierarchy.named(request.name)) {
        throw problem(
          HttpStatus.CONFLICT,
          'class-exists',
          'The class exists',
          `A class ${request.name} exists already`,
        );
      }
      const parent = request.parent
        ? this.classNamed(hierarchy, request.parent, 'parent')
        : undefined;
      const attributes = request.attributes ?? [];
      const errors = [
        ...validateAttributeDefinitions(
          attributes,
          parent ? hierarchy.attributesOf(parent.id) : [],
          new Set([...hierarchy.names(), request.name]),
        ),
        ...ruleErrors(request.identificationRules ?? []),
      ];
      if (errors.length) throw validationProblem(errors);
      const created = await manager.save(
        manager.create(CiClass, {
          name: request.name,
          label: request.label,
          description: request.description ?? null,
          parentId: parent?.id ?? null,
          attributes,
          identificationRules: request.identificationRules ?? [],
        }),
      );
      return classView(new ClassHierarchy([...(await manager.find(CiClass))]), created);
    });
  }

  async update(name: string, request: UpdateClassRequest) {
    return this.dataSource.transaction(async (manager) => {
      const hierarchy = await this.hierarchy(manager);
      const found = hierarchy.named(name);
      if (!found)
        throw problem(HttpStatus.NOT_FOUND, 'not-found', 'Class not found', `No class ${name}`);
      const added = request.addAttributes ?? [];
      // A new attribute may not clash with one of the class's ancestors or of any class below it.
      const below = hierarchy
        .subtreeIds(found.id)
        .filter((classId) => classId !== found.id)
        .flatMap((classId) => hierarchy.get(classId)!.attributes);
      const errors = [
        ...validateAttributeDefinitions(
          added,
          [...hierarchy.attributesOf(found.id), ...below],
          hierarchy.names(),
        ),
        ...added
          .map((definition, index) => ({ definition, index }))
          .filter(({ definition }) => definition.required)
          .map(({ index }) => ({
            field: `addAttributes.${index}.required`,
            message:
              'an attribute added to a class in use cannot be required: its CIs have no value',
          })),
        ...ruleErrors(request.identificationRules ?? []),
      ];
      if (errors.length) throw validationProblem(errors);
      if (request.label !== undefined) found.label = request.label;
      if (request.description !== undefined) found.description = request.description;
      if (request.identificationRules) found.identificationRules = request.identificationRules;
      found.attributes = [...found.attributes, ...added];
      const saved = await manager.save(found);
      return classView(await this.hierarchy(manager), saved);
    });
  }
}

function ruleErrors(rules: unknown[]): FieldError[] {
  return rules.flatMap((rule, index) =>
    Array.isArray(rule) &&
    rule.length > 0 &&
    rule.every((field) => (RULE_FIELDS as readonly unknown[]).includes(field))
      ? []
      : [
          {
            field: `identificationRules.${index}`,
            message: 'each rule is a non-empty list of identifier fields',
            allowed: RULE_FIELDS as readonly IdentifierField[],
          },
        ],
  );
}
