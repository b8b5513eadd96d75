// Builds the `evidence` CLI into dist/ with esbuild (tsc only type-checks; see tsconfig.json).
// Dependencies stay external: the CLI runs from an installed node_modules.
const { buildSync } = require('esbuild');
const path = require('node:path');

buildSync({
  entryPoints: [path.join(__dirname, '..', 'src', 'cli', 'main.ts')],
  outfile: path.join(__dirname, '..', 'dist', 'cli.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
});
