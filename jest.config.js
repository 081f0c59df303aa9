/** Jest runs our TypeScript as native ESM (Ink is ESM-only), transformed by swc. */
export default {
  testEnvironment: 'node',
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
