/** @type {import('jest').Config} */
const project = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFiles: ['reflect-metadata'],
};

/**
 * Every test runs on SQLite, the embedded default; the tests of the API itself run again on
 * PostgreSQL (127.0.0.1:5432, or KB_TEST_POSTGRES_URL), each file on a database of its own.
 */
module.exports = {
  testTimeout: 30000,
  projects: [
    { ...project, displayName: 'sqlite', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '/tests/postgres\\.test\\.ts$'] },
    {
      ...project,
      displayName: 'postgres',
      testMatch: ['**/{response-cache,pagination,read-api,batching,seed-facts,mutations,subscriptions,postgres,hostile-requests,database-faults,protocol-edges,idempotency,live-counts}.test.ts'],
      setupFiles: [...project.setupFiles, '<rootDir>/tests/helpers/on-postgres.ts'],
    },
  ],
};
