import { provisioningStatus, type Provisioning } from './domain/provisioning-outcome';

/** A requested item's provisioning as its views show it: where it stands, then each part. */
export function provisioningView(p: Provisioning | null | undefined) {
  if (!p) return null;
  return {
    status: provisioningStatus(p),
    requestedAt: p.requestedAt,
    ci: p.ci ?? null,
    change: p.change ?? null,
  };
}

export type ProvisioningView = NonNullable<ReturnType<typeof provisioningView>>;
