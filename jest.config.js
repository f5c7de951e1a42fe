// Three projects: unit specs beside the code, e2e specs against the real app and database,
// browser specs driving Debian's Chromium: `npm test` runs these three. The `cluster` project
// (built app as processes, MariaDB, Redis, faults) runs with `npm run test:cluster` and in CI.
const transform = { '^.+\\.(ts|js)$': ['@swc/jest'] };
const common = { transform, moduleFileExtensions: ['ts', 'js', 'json'], testEnvironment: 'node' };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.browser-spec.ts'],
    },
    {
      ...common,
      displayName: 'cluster',
      roots: ['<rootDir>/test/cluster'],
      testMatch: ['**/*.cluster-spec.ts'],
    },
  ],
  testTimeout: 60000,
  // A keep-alive socket or a driver pool left by a failing test must never hold CI open.
  forceExit: true,
};
