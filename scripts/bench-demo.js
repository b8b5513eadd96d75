// Benchmark: `evidence demo` for one quarter (92 simulated days) into a fresh temporary
// directory, in this process, reporting wall time and peak RSS. Figures go in the README;
// nothing asserts a timing. Usage: npm run bench:demo [-- DAYS]
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir, cpus } = require('node:os');
const path = require('node:path');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { main } = require('../dist/cli.js');

async function run() {
  const days = process.argv[2] ?? '92';
  const out = mkdtempSync(path.join(tmpdir(), 'evidence-bench-'));
  const started = process.hrtime.bigint();
  const code = await main(['demo', '--out', out, '--days', days], { out: () => {}, err: (t) => process.stderr.write(`${t}\n`) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(out, { recursive: true, force: true });
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(`demo ${days} days: exit ${code}, ${seconds.toFixed(2)} s wall, peak RSS ${rssMiB.toFixed(0)} MiB, node ${process.version}, ${cpus().length} cores`);
  process.exitCode = code;
}

void run();
