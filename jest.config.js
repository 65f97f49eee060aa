// Two tiers (CONVENTIONS.md §6): unit specs beside the code, integration specs under test/ against real services.
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
// @nestjs/terminus 12 ships ES modules only: Node 20.19+ loads it with require(), Jest on Node 20 does not, so the
// same SWC transform turns it into CommonJS (docs/decisions/008-terminus-for-health.md).
const esmOnly = ['@nestjs/terminus'];
const swcEsm = ['@swc/jest', { swcrc: false, jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];
// Libraries by their alias, and each Nest app by its public entry (apps/<name>/src/index.ts), as tsconfig.json says.
const moduleNameMapper = {
  '^@park/([a-z0-9-]+)$': '<rootDir>/libs/$1/src',
  '^@apps/([a-z0-9-]+)$': '<rootDir>/apps/$1/src',
};
const common = {
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: swcEsm },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
module.exports = {
  // Test files run one after another in a worker process that is replaced once its heap, after a file, holds more
  // than this. Run in one process (Jest's choice on 2 cores), the files' leftovers (Nest containers, module
  // registries) grew the heap by ~35 MB a file, and by the last suites one major garbage collection took 0.8 s —
  // long enough to fail the security suite's liveness bound during a 9 MB import (import-stall.sec-spec.ts).
  workerIdleMemoryLimit: '512MB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,simulators,scripts}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
    {
      // The standing security suite (docs/security.md): attacks and careless clients against the real services,
      // each probe counted (test/security/support/tally.ts); scripts/test.sh prints the totals.
      ...common,
      displayName: 'security',
      testMatch: ['<rootDir>/test/security/**/*.sec-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
    // The fault suite on the multi-host test bed (deploy/cluster): root, ~15 minutes, so not part of `npm test`
    // (a plain `jest` does not even list it). `npm run test:cluster` (test/cluster/run.sh) sets PARK_CLUSTER_TESTS
    // and brings the test bed up and down around it.
    ...(process.env.PARK_CLUSTER_TESTS === '1'
      ? [
          {
            ...common,
            displayName: 'cluster',
            testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'],
            setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
          },
        ]
      : []),
    {
      // A real browser (Debian's chromium via playwright-core) against the real services. The global setup
      // builds the web app first, so the test always drives the current source. Run with --runInBand.
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/e2e/support/build-web.global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/e2e/support/e2e-timeout.ts'],
    },
  ],
};
