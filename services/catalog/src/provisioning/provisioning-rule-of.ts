import type { ProvisioningRule } from './domain/provisioning-rule';
import type { ProvisioningRuleDto } from './provisioning-rule.dto';

/** The stored rule: only the parts given. */
export const provisioningOf = (dto: ProvisioningRuleDto): ProvisioningRule => ({
  ...(dto.ci && {
    ci: {
      className: dto.ci.className,
      nameTemplate: dto.ci.nameTemplate,
      attributes: { ...dto.ci.attributes },
    },
  }),
  ...(dto.change && { change: { templateId: dto.change.templateId } }),
});
