import { coverage, formatCatalogTable, formatCoverage, loadCatalog } from '../catalog';
import type { FrameworkName } from '../catalog';
import { describeError } from '../core/errors';
import { exitCodeFor } from './exit-codes';

/**
 * `evidence controls [--json] [--framework F] [--config FILE]` (docs/controls.md): the control
 * catalog as a table, or per criterion which controls cover it and which criteria nothing covers.
 * Exit 0, or 2 with the load error (CONFIG_INVALID names file, control and field).
 */
export interface ControlsOptions {
  json: boolean;
  framework?: FrameworkName;
  config?: string;
}

export async function runControls(options: ControlsOptions, io: { out(t: string): void; err(t: string): void }): Promise<number> {
  let loaded;
  try {
    loaded = await loadCatalog(options.config === undefined ? {} : { overrides: options.config });
  } catch (e) {
    io.err(describeError(e));
    return exitCodeFor(e);
  }
  if (options.framework !== undefined) {
    const cov = coverage(loaded.catalog, options.framework);
    io.out(options.json ? JSON.stringify({ catalog: { id: loaded.catalog.id, version: loaded.catalog.version, sha256: loaded.sha256 }, ...cov }, null, 2) : formatCoverage(loaded, cov).join('\n'));
    return 0;
  }
  io.out(options.json ? JSON.stringify(loaded, null, 2) : formatCatalogTable(loaded).join('\n'));
  return 0;
}
