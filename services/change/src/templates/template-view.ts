import type { ChangeTemplateVersion } from './change-template-version.entity';
import type { ChangeTemplate } from './change-template.entity';

export function templateVersionView(v: ChangeTemplateVersion) {
  return {
    version: v.version,
    state: v.state,
    shortDescription: v.shortDescription,
    description: v.description,
    justification: v.justification,
    implementationPlan: v.implementationPlan,
    backoutPlan: v.backoutPlan,
    testPlan: v.testPlan,
    assignmentGroup: v.assignmentGroup,
    editedBy: v.editedBy,
    editedAt: v.editedAt,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt,
    retiredAt: v.retiredAt,
  };
}

/** A template with every version, newest first, and which one standard changes are made from. */
export function templateView(template: ChangeTemplate, versions: ChangeTemplateVersion[]) {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return {
    id: template.id,
    name: template.name,
    publishedVersion: newestFirst.find((v) => v.state === 'published')?.version ?? null,
    versions: newestFirst.map(templateVersionView),
    createdBy: template.createdBy,
    createdAt: template.createdAt,
    updatedAt: template.updatedAt,
    version: template.version,
  };
}

export type TemplateVersionView = ReturnType<typeof templateVersionView>;
export type TemplateView = ReturnType<typeof templateView>;
