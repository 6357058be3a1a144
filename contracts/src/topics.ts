/** The five ITIL practices, each owned by one service and publishing on its own topics. */
export const PRACTICES = ['incident', 'change', 'problem', 'configuration', 'catalog'] as const;
export type Practice = (typeof PRACTICES)[number];

/**
 * One topic per practice and major version (`itsm.incident.v1`): the key is the aggregate id, so the
 * events of one record stay in order. A breaking change is a new major version, hence a new topic.
 */
export function practiceTopic(practice: Practice, majorVersion = 1): string {
  if (!Number.isInteger(majorVersion) || majorVersion < 1) {
    throw new RangeError(`majorVersion must be a positive integer, got ${majorVersion}`);
  }
  return `itsm.${practice}.v${majorVersion}`;
}

/** Events that could not be applied after their retries land here, with the error in headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** The topics a practice's service owns and creates at start-up. */
export function topicsOwnedBy(practice: Practice): string[] {
  const topic = practiceTopic(practice);
  return [topic, deadLetterTopic(topic)];
}
