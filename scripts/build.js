// Builds the `evidence` CLI into dist/ with esbuild (tsc only type-checks; see tsconfig.json).
// Dependencies stay external: the CLI runs from an installed node_modules.
const { buildSync } = require('esbuild');
const path = require('node:path');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
};

buildSync({ ...common, entryPoints: [path.join(__dirname, '..', 'src', 'cli', 'main.ts')], outfile: path.join(__dirname, '..', 'dist', 'cli.js') });
// Benchmarks run from dist/ too; they are never part of the CLI.
buildSync({ ...common, entryPoints: [path.join(__dirname, 'bench-collect.ts')], outfile: path.join(__dirname, '..', 'dist', 'bench-collect.js') });
buildSync({ ...common, entryPoints: [path.join(__dirname, 'bench-pack.ts')], outfile: path.join(__dirname, '..', 'dist', 'bench-pack.js') });
buildSync({ ...common, entryPoints: [path.join(__dirname, 'bench-cost.ts')], outfile: path.join(__dirname, '..', 'dist', 'bench-cost.js') });
