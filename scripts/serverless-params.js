// Derived deployment settings for serverless.yml, computed from its parameters at package time
// (`${file(./scripts/serverless-params.js):name}`). Every value is checked here, so a typo in a
// --param fails `serverless package` with the parameter's name instead of a broken stack.
'use strict';

const MAX_RETENTION_DAYS = 2557; // 7 years of 365.25 days

async function param(resolveVariable, name) {
  return String(await resolveVariable(`param:${name}`)).trim();
}

function fail(name, value, expected) {
  throw new Error(`serverless.yml parameter ${name}: expected ${expected}, found '${value}'`);
}

function timeOfDay(name, value) {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) fail(name, value, 'a UTC time HH:MM');
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function wholeNumber(name, value, min, max) {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) fail(name, value, `a whole number from ${min} to ${max}`);
  return Number(value);
}

/** Daily collection: cron(M H * * ? *) at the collectTime (UTC). */
async function collectSchedule({ resolveVariable }) {
  const { hour, minute } = timeOfDay('collectTime', await param(resolveVariable, 'collectTime'));
  return `cron(${minute} ${hour} * * ? *)`;
}

/** Chain watch: once a day at watchTime (UTC), after the collection has had time to seal. */
async function watchSchedule({ resolveVariable }) {
  const { hour, minute } = timeOfDay('watchTime', await param(resolveVariable, 'watchTime'));
  return `cron(${minute} ${hour} * * ? *)`;
}

/**
 * Quarterly pack: the first day after a quarter ends (1 January, April, July, October) plus the
 * grace period in days, at packTime (UTC). A grace of up to 27 days keeps it in that month.
 */
async function packSchedule({ resolveVariable }) {
  const grace = wholeNumber('packGraceDays', await param(resolveVariable, 'packGraceDays'), 0, 27);
  const { hour, minute } = timeOfDay('packTime', await param(resolveVariable, 'packTime'));
  return `cron(${minute} ${hour} ${1 + grace} 1,4,7,10 ? *)`;
}

/** Default COMPLIANCE retention of the vault, at least one day and at most 7 years. */
async function retentionDays({ resolveVariable }) {
  return wholeNumber('retentionDays', await param(resolveVariable, 'retentionDays'), 1, MAX_RETENTION_DAYS);
}

/**
 * The bucket policy refuses a retention change that leaves less than this many days: the
 * functions always extend to the full retention from now, so one day less than the full term
 * leaves room for S3's rounding and still refuses any real shortening.
 */
async function minimumRemainingRetentionDays(ctx) {
  return Math.max(1, (await retentionDays(ctx)) - 1);
}

async function mapMaxConcurrency({ resolveVariable }) {
  return wholeNumber('mapMaxConcurrency', await param(resolveVariable, 'mapMaxConcurrency'), 1, 10000);
}

/** GuardDuty severity (0-10, e.g. 7 = High, 4.5) from which a finding opens an incident. */
async function incidentMinSeverity({ resolveVariable }) {
  const value = await param(resolveVariable, 'incidentMinSeverity');
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) > 10) fail('incidentMinSeverity', value, 'a GuardDuty severity from 0 to 10');
  return Number(value);
}

/** The drills' schedule: an EventBridge cron(...) or rate(...) expression (UTC). */
async function drillSchedule({ resolveVariable }) {
  const value = await param(resolveVariable, 'drillSchedule');
  const cron = /^cron\((\S+ ){5}\S+\)$/.test(value);
  const rate = /^rate\([1-9]\d* (minute|minutes|hour|hours|day|days)\)$/.test(value);
  if (!cron && !rate) fail('drillSchedule', value, 'an EventBridge schedule expression, cron(M H DoM Mon DoW Y) or rate(N unit)');
  return value;
}

/** How long each drill waits for delivery; the function runs at most 900 s (src/workflow/drill-config.ts). */
async function drillTimeoutSeconds({ resolveVariable }) {
  return wholeNumber('drillTimeoutSeconds', await param(resolveVariable, 'drillTimeoutSeconds'), 10, 780);
}

async function drillResetToOk({ resolveVariable }) {
  const value = await param(resolveVariable, 'drillResetToOk');
  if (value !== 'true' && value !== 'false') fail('drillResetToOk', value, 'true or false');
  return value;
}

module.exports = {
  collectSchedule,
  watchSchedule,
  packSchedule,
  retentionDays,
  minimumRemainingRetentionDays,
  mapMaxConcurrency,
  incidentMinSeverity,
  drillSchedule,
  drillTimeoutSeconds,
  drillResetToOk,
};
