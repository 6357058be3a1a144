import nx from '@nx/eslint-plugin';
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The architecture, enforced: a service never imports another service, libs never import services,
 * contracts import nothing of ours, and only libs/messaging talks to Kafka's client.
 */
export const dependencyConstraints = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
  {
    sourceTag: 'type:bench',
    onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:tooling', 'type:testing'],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:tooling'],
  },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:tooling', 'type:testing'],
  },
];

const kafkaClient = {
  name: 'kafkajs',
  message: 'Only libs/messaging talks to Kafka: use @itsm/messaging.',
};
const testing = {
  name: '@itsm/testing',
  message: 'Test infrastructure is for tests, e2e and benchmarks only.',
};
const restrictImports = (...paths) => ({
  'no-restricted-imports': paths.length ? ['error', { paths }] : 'off',
});

/**
 * Domain rules are plain TypeScript: state models, matrices, clocks, calendars and plans are read,
 * tested and reused without Nest, an ORM, a broker or a database. They live in a feature's `domain/`
 * folder (and make up the whole of libs/calendar); the framework adapts to them, never the reverse.
 */
const domainFiles = [
  'services/*/src/**/domain/**/*.ts',
  'libs/*/src/**/domain/**/*.ts',
  'libs/calendar/**/*.ts',
];
const frameworkFree =
  'Domain rules are framework-free: keep Nest, TypeORM, Kafka, entities and DTOs in the adapters around them.';
const domainImportRules = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        kafkaClient,
        testing,
        ...['typeorm', 'pg', 'class-validator', 'class-transformer'].map((name) => ({
          name,
          message: frameworkFree,
        })),
        ...['@itsm/persistence', '@itsm/runtime', '@itsm/messaging', '@itsm/sla/repair'].map(
          (name) => ({
            name,
            message: frameworkFree,
          }),
        ),
        // Its problem types (a field error) are plain data; its filters and pipes are Nest's.
        { name: '@itsm/http', message: frameworkFree, allowTypeImports: true },
        // The access rules without the guard: `@itsm/auth/rules`.
        {
          name: '@itsm/auth',
          message: `${frameworkFree} Access rules come from @itsm/auth/rules.`,
          allowTypeImports: true,
        },
      ],
      patterns: [
        { group: ['@nestjs/*'], message: frameworkFree },
        { regex: '\\.(entity|dto)(\\.js)?$', message: frameworkFree },
      ],
    },
  ],
};
const testFiles = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  // A spec's support code next to it (not built into the service).
  '**/*.testing.ts',
  'libs/testing/**/*.ts',
  'e2e/**/*.ts',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.local/**',
      '.nx/**',
      'coverage/**',
      'deploy/local/kafka/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        // Any project's tests may use the test infrastructure; no-restricted-imports keeps it out of production code.
        {
          enforceBuildableLibDependency: false,
          allow: ['@itsm/testing'],
          // libs/testing serves the libs' own tests: the edge from their specs back to it is no cycle in code.
          ignoredCircularDependencies: [
            'auth',
            'persistence',
            'messaging',
            'runtime',
            'local-stack',
          ].map((lib) => ['@itsm/testing', `@itsm/${lib}`]),
          depConstraints: dependencyConstraints,
        },
      ],
      ...restrictImports(kafkaClient, testing),
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['libs/messaging/**/*.ts'], rules: restrictImports(testing) },
  { files: testFiles, rules: restrictImports(kafkaClient) },
  {
    // Benchmarks measure plain kafkajs as the baseline our messaging is compared with.
    files: ['libs/messaging/**/*.spec.ts', 'libs/messaging/**/*.int-spec.ts', 'benchmarks/**/*.ts'],
    rules: restrictImports(),
  },
  { files: domainFiles, rules: domainImportRules },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
