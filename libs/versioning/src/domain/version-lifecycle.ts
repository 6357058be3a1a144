/** The states of one version of a versioned definition (a standard-change template, a catalog item). */
export const VERSION_STATES = ['draft', 'published', 'retired'] as const;
export type VersionedState = (typeof VERSION_STATES)[number];

/** One version as the lifecycle sees it. */
export interface VersionState {
  version: number;
  state: VersionedState;
}

/**
 * Versions are never edited once published: what was made from one (a change from a template, a
 * request from a catalog item) keeps meaning what was approved or ordered. Editing edits the open
 * draft, or starts the next version as a draft.
 */
export function versionToEdit(versions: readonly VersionState[]): {
  version: number;
  isNew: boolean;
} {
  const latest = latestOf(versions);
  return latest.state === 'draft'
    ? { version: latest.version, isNew: false }
    : { version: latest.version + 1, isNew: true };
}

export interface LifecycleRefusal {
  /** The states the definition's versions are in, for the 409. */
  current: Record<number, VersionedState>;
  reason: string;
}

/**
 * What publishing does: the draft becomes the published version, the one before it retires.
 * `noun` names the definition in the refusal ("edit the template first").
 */
export function publication(
  versions: readonly VersionState[],
  noun: string,
): { publish: number; retire: number | undefined } | LifecycleRefusal {
  const draft = versions.find((v) => v.state === 'draft');
  if (!draft) return refusal(versions, `there is no draft to publish: edit the ${noun} first`);
  return { publish: draft.version, retire: publishedOf(versions)?.version };
}

/** What retiring does: the published version retires, and nothing new can be made from it. */
export function retirement(
  versions: readonly VersionState[],
): { retire: number } | LifecycleRefusal {
  const published = publishedOf(versions);
  if (!published) return refusal(versions, 'no version is published');
  return { retire: published.version };
}

export function publishedOf(versions: readonly VersionState[]): VersionState | undefined {
  return versions.find((v) => v.state === 'published');
}

export function isRefusal<T extends object>(
  outcome: T | LifecycleRefusal,
): outcome is LifecycleRefusal {
  return 'reason' in outcome;
}

function latestOf(versions: readonly VersionState[]): VersionState {
  return versions.reduce((latest, v) => (v.version > latest.version ? v : latest));
}

function refusal(versions: readonly VersionState[], reason: string): LifecycleRefusal {
  return {
    current: Object.fromEntries(versions.map((v) => [v.version, v.state])),
    reason,
  };
}
