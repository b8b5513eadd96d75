import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderReportPdf } from '../../src/report/pdf';
import { buildPackFixture, type Drift } from '../support/pack-fixture';

// The report must be reproducible (it is listed in SHA256SUMS) and printable by real tools.
const PACK_SHA256 = 'c0ffee'.padEnd(64, '0');

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('renderReportPdf: bytes and rendering', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'report-pdf-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives identical bytes for the same pack', async () => {
    const a = await renderReportPdf(buildPackFixture(), { packSha256: PACK_SHA256 });
    const b = await renderReportPdf(buildPackFixture(), { packSha256: PACK_SHA256 });
    expect(a.equals(b)).toBe(true);
    // The PDF's dates are the pack's, not the clock's.
    expect(a.toString('latin1')).toContain('(D:20261001064217Z)');
  });

  it('changes when the pack hash changes', async () => {
    const a = await renderReportPdf(buildPackFixture(), { packSha256: PACK_SHA256 });
    const b = await renderReportPdf(buildPackFixture(), { packSha256: 'f'.repeat(64) });
    expect(a.equals(b)).toBe(false);
  });

  it('renders a large pack (39 controls x 92 days, an exception every fourth day) within a bounded page count', async () => {
    // Prepare: every enabled control fails on every fourth day with three resources.
    const drifts: Drift[] = buildPackFixture().controls.flatMap((c) =>
      Array.from({ length: 23 }, (_, k) => ({
        control: c.id, from: k * 4, to: k * 4, verdict: 'fail' as const,
        resources: [1, 2, 3].map((n) => ({ resource: `arn:aws:s3:::brightpath-bucket-${n}-with-a-long-name-${k}`, account: '730461928517', region: 'us-east-1', reason: `resource ${n} broke rule on day ${k * 4} for a reason long enough to wrap onto a second line of the page` })),
      })),
    );
    const pack = buildPackFixture({ drifts });
    // Act
    const pdf = await renderReportPdf(pack, { packSha256: PACK_SHA256 });
    // Assess
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(39);
    // About four pages per control at worst (every exception naming new resources).
    expect(pages).toBeLessThan(200);
  });

  const poppler = hasTool('pdftoppm') && hasTool('pdffonts') && hasTool('pdfinfo');
  (poppler ? it : it.skip)('renders page 1 to PNG with pdftoppm; A4; standard fonts only', async () => {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, await renderReportPdf(buildPackFixture(), { packSha256: PACK_SHA256 }));
    execFileSync('pdftoppm', ['-r', '40', '-f', '1', '-l', '1', '-png', file, path.join(dir, 'page')]);
    const png = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(png).toBeDefined();
    expect(existsSync(path.join(dir, png ?? ''))).toBe(true);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Courier', 'Courier-Bold']).toContain(f);
  });
  if (!poppler) console.warn('report-pdf-render: poppler-utils (pdftoppm, pdffonts, pdfinfo) not installed; the rendering test is skipped');
});
