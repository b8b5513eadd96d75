/** @type {import('jest').Config} */
// Unit tests run everywhere; integration tests need the real S3 store that .ci/run starts
// (they skip themselves with a clear message when EVIDENCE_TEST_S3_ENDPOINT is unset,
// and .ci/run sets EVIDENCE_REQUIRE_S3=1 so that a missing store fails instead).
const esmOnly = ['@middy'];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', {}],
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', esModuleInterop: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  testTimeout: 60000,
};
