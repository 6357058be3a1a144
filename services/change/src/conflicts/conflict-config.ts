import { loadConfig, z } from '@itsm/config';

/** The CMDB lists related CIs to this depth (`CHANGE_RELATED_WALK` in the configuration service). */
export const CMDB_RELATED_DEPTH = 5;

/** The conflict check's settings. README.md lists them. */
export const conflictEnvSchema = z.object({
  /** How many relationships away from a change's CIs another change conflicts with it. */
  CHANGE_CONFLICT_DEPTH: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 5')
    .max(CMDB_RELATED_DEPTH, 'must be between 0 and 5: the CMDB lists related CIs that far')
    .default(3),
});

export type ConflictConfig = z.infer<typeof conflictEnvSchema>;
export const CONFLICT_CONFIG = Symbol('CONFLICT_CONFIG');

export const conflictConfigProvider = {
  provide: CONFLICT_CONFIG,
  useFactory: (): ConflictConfig => loadConfig(conflictEnvSchema),
};
