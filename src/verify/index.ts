// The verifier: the auditor's code path, offline by construction (no AWS SDK, no network).
export { verifyVault, type VerifyOptions } from './verify-vault';
export { formatReport, reportToJson, exitCodeFor, failureExitCode, VERIFY_REPORT_SCHEMA, type ExitCode } from './report';
export { VERIFY_CODES, GIVEN_KEY, type VerifyCode, type VerifyFailure, type VerifyReport, type ReportedGap } from './codes';
export { LIMITS } from './reader';
export { verifyPack, type PackVerifyOptions } from './verify-pack';
export { extractPackZip, type ExtractResult } from './zip-extract';
export { verifyPath } from './verify-path';
