import { availableParallelism } from 'node:os';

/** Jest runs our TypeScript as native ESM (Ink is ESM-only), transformed by swc. */
export default {
  testEnvironment: 'node',
  // Most tests wait on real processes (tasks, sshd, redis, npm) more than they compute: two workers at least, even
  // on 2 cores (jest's default there is one). Measured on 2 cores: 646 s with one, 356 s with two, 469 s with two
  // beside two busy loops; every test waits for its condition, so load slows them without failing them.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  globalSetup: '<rootDir>/__tests__/helpers/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/process-tree-cleanup.ts'],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  // `storm-ts` is the package itself (user code imports it by name); jest does not resolve a package's self-reference.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^storm-ts$': '<rootDir>/lib/index.ts', '^storm-ts/testing$': '<rootDir>/lib/testing/index.ts' },
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'es6' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/'],
  testMatch: ['<rootDir>/__tests__/**/*.test.ts', '<rootDir>/__tests__/**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
  testTimeout: 60000,
};
