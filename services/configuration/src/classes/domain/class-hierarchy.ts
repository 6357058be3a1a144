import type { AttributeDefinition } from './attribute-schema';

/** The identifiers a CI carries besides its attributes, and that identification rules combine. */
export const IDENTIFIER_FIELDS = ['serialNumber', 'hostName', 'fqdn', 'cloudId'] as const;
/** Identification rules combine identifiers, and the name where a class has nothing better. */
export const RULE_FIELDS = [...IDENTIFIER_FIELDS, 'name'] as const;
export type IdentifierField = (typeof RULE_FIELDS)[number];

/** The column of each field identification rules combine. */
export const IDENTIFIER_COLUMNS: Readonly<Record<IdentifierField, string>> = {
  serialNumber: 'serial_number',
  hostName: 'host_name',
  fqdn: 'fqdn',
  cloudId: 'cloud_id',
  name: 'name',
};

/** Whether a write names an identifier (a serial number, a host name…, or the name). */
export function setsIdentifier(write: Partial<Record<IdentifierField, unknown>>): boolean {
  return (Object.keys(IDENTIFIER_COLUMNS) as IdentifierField[]).some(
    (field) => write[field] !== undefined,
  );
}

/** What the hierarchy needs of a class. */
export interface ClassNode {
  id: string;
  name: string;
  parentId: string | null;
  attributes: AttributeDefinition[];
  /** Ordered identifier sets: the first set whose identifiers an incoming record has decides. */
  identificationRules: IdentifierField[][];
}

/**
 * The class tree, read once and kept: attributes and identification rules are inherited, and a
 * filter on a class covers its subclasses.
 */
export class ClassHierarchy<C extends ClassNode = ClassNode> {
  private readonly byId: Map<string, C>;
  private readonly byName: Map<string, C>;

  constructor(classes: readonly C[]) {
    this.byId = new Map(classes.map((c) => [c.id, c]));
    this.byName = new Map(classes.map((c) => [c.name, c]));
  }

  get(id: string): C | undefined {
    return this.byId.get(id);
  }

  named(name: string): C | undefined {
    return this.byName.get(name);
  }

  names(): Set<string> {
    return new Set(this.byName.keys());
  }

  /** The class and its ancestors, the root last. */
  lineage(id: string): C[] {
    const chain: C[] = [];
    for (
      let c = this.byId.get(id);
      c && chain.length < 64;
      c = c.parentId ? this.byId.get(c.parentId) : undefined
    ) {
      chain.push(c);
    }
    return chain;
  }

  /** Own and inherited attributes, the root's first. */
  attributesOf(id: string): AttributeDefinition[] {
    return this.lineage(id)
      .reverse()
      .flatMap((c) => c.attributes);
  }

  /** The nearest identification rules up the tree. */
  identificationRulesOf(id: string): IdentifierField[][] {
    return (
      this.lineage(id).find((c) => c.identificationRules.length > 0)?.identificationRules ?? []
    );
  }

  /**
   * The class whose CIs share identifiers with this one: its root. A Linux and a Windows server are
   * both servers, and one serial number cannot be two servers.
   */
  identityScopeOf(id: string): C {
    const chain = this.lineage(id);
    return chain[chain.length - 1]!;
  }

  /** The class and every class below it. */
  subtreeIds(id: string): string[] {
    const ids = [id];
    for (let i = 0; i < ids.length; i++) {
      for (const c of this.byId.values()) if (c.parentId === ids[i]) ids.push(c.id);
    }
    return ids;
  }

  isA(id: string, ancestorName: string): boolean {
    return this.lineage(id).some((c) => c.name === ancestorName);
  }
}
