/**
 * Where an incident raised without an assignment group goes, so that none lands where no agent
 * sees it: a rule for its category wins over one for its channel, and the fallback (the service
 * desk) takes the rest. Categories compare without case, as people type them.
 */
export interface RoutingRules {
  byCategory: ReadonlyMap<string, string>;
  byChannel: ReadonlyMap<string, string>;
}

export class RoutingRulesError extends Error {}

const RULE = /^(category|channel):([^=]+)=(.+)$/;

/**
 * Reads rules written as `category:network=network-ops,channel:monitoring=noc`; a rule that cannot
 * be read, or names a channel that does not exist, is an error that names it.
 */
export function parseRoutingRules(text: string, channels: readonly string[]): RoutingRules {
  const byCategory = new Map<string, string>();
  const byChannel = new Map<string, string>();
  for (const rule of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [, kind, key, group] = RULE.exec(rule)?.map((part) => part.trim()) ?? [];
    if (!kind || !key || !group) {
      throw new RoutingRulesError(
        `"${rule}" is not a rule: write category:<category>=<group> or channel:<channel>=<group>`,
      );
    }
    if (kind === 'channel' && !channels.includes(key)) {
      throw new RoutingRulesError(
        `"${rule}" names channel "${key}": the channels are ${channels.join(', ')}`,
      );
    }
    (kind === 'category' ? byCategory : byChannel).set(
      kind === 'category' ? key.toLowerCase() : key,
      group,
    );
  }
  return { byCategory, byChannel };
}

export function defaultGroupFor(
  rules: RoutingRules,
  fallback: string,
  incident: { category: string | null; channel: string },
): string {
  const category = incident.category?.trim().toLowerCase();
  return (
    (category ? rules.byCategory.get(category) : undefined) ??
    rules.byChannel.get(incident.channel) ??
    fallback
  );
}
