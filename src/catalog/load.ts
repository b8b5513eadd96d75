import { promises as fs } from 'node:fs';
import { canonicalize, type JsonValue } from '../core/canonical';
import { EvidenceError, describeError } from '../core/errors';
import { sha256Hex } from '../core/hash';
import bundledCatalog from '../../templates/catalog/data-leak-reporting.catalog.json';
import { type Problem, issuesToProblems, refuse } from './issues';
import { applyOverrides } from './overrides';
import { parseJsonFile } from './parse';
import { catalogSchema } from './schema';
import type { AppliedOverrides, Catalog, LoadedCatalog } from './types';

/**
 * Loads the control catalog (docs/controls.md): the bundled one, or a file; then a user's
 * overrides. Every problem in either file is collected and refused at once, as one
 * CONFIG_INVALID naming file, control and field. The result is deeply frozen and hashed
 * (JCS-RFC8785 + SHA-256) so a pack can name exactly the catalog it was evaluated against.
 */
export const BUNDLED_CATALOG_FILE = 'bundled:data-leak-reporting.catalog.json';

export interface LoadCatalogOptions {
  /** A catalog file; default the bundled catalog (imported statically: the CLI is one bundle). */
  file?: string;
  /** A user's overrides file (`evidence-vault/catalog-overrides/v1`). */
  overrides?: string;
}

export async function loadCatalog(options: LoadCatalogOptions = {}): Promise<LoadedCatalog> {
  const file = options.file ?? BUNDLED_CATALOG_FILE;
  const value = options.file === undefined ? (bundledCatalog as unknown as JsonValue) : parseOrRefuse(await readInput(options.file), options.file);
  const catalog = validateCatalog(value, file);
  if (options.overrides === undefined) return seal(catalog, file, undefined);
  const overridesValue = parseOrRefuse(await readInput(options.overrides), options.overrides);
  const applied = applyOverrides(catalog, overridesValue, options.overrides);
  if (!applied.ok) throw refuse(applied.problems);
  const { catalog: effective, ...changes } = applied.result;
  return seal(effective, file, { file: options.overrides, sha256: sha256Hex(canonicalize(overridesValue)), ...changes });
}

/** Pure: a parsed catalog value to a validated catalog, or CONFIG_INVALID with every problem. */
export function validateCatalog(value: JsonValue, file: string): Catalog {
  const parsed = catalogSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw refuse(issuesToProblems(file, parsed.error.issues, value));
  // The schema checked every rule id and its parameters (RULE_PARAMS), so the checks are typed.
  return parsed.data as unknown as Catalog;
}

function parseOrRefuse(bytes: Uint8Array, file: string): JsonValue {
  const parsed = parseJsonFile(bytes, file);
  if (!parsed.ok) throw refuse([parsed.problem] satisfies Problem[]);
  return parsed.value;
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    throw new EvidenceError('INPUT_UNREADABLE', `${file}: cannot read the file (${describeError(e)})`, { cause: e });
  }
}

function seal(catalog: Catalog, file: string, overrides: AppliedOverrides | undefined): LoadedCatalog {
  const frozen = deepFreeze(catalog);
  const sha256 = sha256Hex(canonicalize(frozen as unknown as JsonValue));
  return deepFreeze({ catalog: frozen, sha256, file, ...(overrides === undefined ? {} : { overrides }) });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
