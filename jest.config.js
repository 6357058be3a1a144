// @ts-check
const { readFileSync } = require('node:fs');

/** Tests run from sources: each `@itsm/*` import maps to the project's `src`, as tsconfig.spec.json says. */
/** @type {{ compilerOptions: { paths: Record<string, string[]> } }} */
const { compilerOptions } = JSON.parse(readFileSync(`${__dirname}/tsconfig.spec.json`, 'utf8'));
const moduleNameMapper = {
  ...Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
      `^${alias.replace('/', '\\/')}$`,
      `<rootDir>/${target}`,
    ]),
  ),
  // Dynamic imports name the emitted `.js` file (Node16 resolution); tests load the `.ts` source.
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

/** @type {import('jest').Config['transform']} */
const swc = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        target: 'es2023',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

const common = {
  rootDir: __dirname,
  transform: {
    ...swc,
    // jose is published as ES modules only; Jest's module system needs it as CommonJS.
    '/node_modules/jose/.+\\.js$': [
      '@swc/jest',
      { jsc: { target: 'es2023' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.local/'],
};

const roots = [
  '<rootDir>/contracts',
  '<rootDir>/libs',
  '<rootDir>/services',
  '<rootDir>/deploy',
  '<rootDir>/tools',
];

/** @type {import('jest').Config} */
const config = {
  projects: [
    { ...common, displayName: 'unit', roots, testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      roots,
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/slow-tests.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/e2e'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/slow-tests.ts'],
    },
  ],
};

module.exports = config;
