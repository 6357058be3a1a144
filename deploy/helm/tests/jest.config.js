// @ts-check
/**
 * The chart specs need helm (scripts/install-kube-tools.sh), so they are not part of `npm test`'s
 * projects; scripts/check-helm.sh runs them with this configuration, reusing the unit project's.
 */
const root = require('../../../jest.config.js');

const unit = /** @type {import('jest').Config} */ (root.projects?.[0]);

/** @type {import('jest').Config} */
module.exports = {
  ...unit,
  displayName: 'helm',
  roots: ['<rootDir>/deploy/helm'],
  testMatch: ['**/*.helm-spec.ts'],
};
