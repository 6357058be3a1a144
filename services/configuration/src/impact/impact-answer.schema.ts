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
 * The shape of an impact or dependencies answer. Given to Fastify as the route's response schema,
 * it is compiled into a serializer (fast-json-stringify) that writes 10,000 CIs about twice as fast
 * as JSON.stringify.
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
