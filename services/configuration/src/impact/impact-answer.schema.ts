import { Type } from '@sinclair/typebox';

const Ci = {
  id: Type.String(),
  name: Type.String(),
  className: Type.String(),
  operationalStatus: Type.String(),
  criticality: Type.Integer(),
  businessService: Type.Boolean(),
};

const ImpactedCi = Type.Object({
  ...Ci,
  depth: Type.Integer(),
  via: Type.String(),
  path: Type.Optional(Type.Array(Type.String())),
});

/**
 * The shape of an impact or dependencies answer, as `writeImpactAnswer` writes it: documented in
 * the OpenAPI document and checked by the writer's tests.
 */
export const IMPACT_ANSWER = Type.Object({
  ci: Type.Object(Ci),
  direction: Type.String(),
  maxDepth: Type.Integer(),
  count: Type.Integer(),
  truncated: Type.Boolean(),
  businessServices: Type.Array(ImpactedCi),
  items: Type.Array(ImpactedCi),
});
