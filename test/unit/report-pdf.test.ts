import { PDFParse } from 'pdf-parse';
import { renderReportPdf } from '../../src/report/pdf';
import { buildPackFixture, DISABLED, FINGERPRINT, MISSING_DAYS } from '../support/pack-fixture';

// What an auditor reads: every identifying value and every control must be in the text.
const PACK_SHA256 = '5d1c0e8f3b9a47c2e6f18d2b0a7c93e4f5b6a8d9c0e1f2a3b4c5d6e7f8091a2b';

async function pagesOf(pdf: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    return result.pages.map((p) => p.text);
  } finally {
    await parser.destroy();
  }
}

describe('renderReportPdf: content', () => {
  const pack = buildPackFixture();
  let pdf: Buffer;
  let pages: string[];
  let text: string;

  /** The page a section starts on, read from the contents page as a reader would. */
  const sectionPage = (title: string): string => {
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const number = Number(new RegExp(`^${escaped}(?: \\(disabled\\))?[ .]*?(\\d+)$`, 'm').exec(pages[1] ?? '')?.[1]);
    return pages[number - 1] ?? '';
  };

  beforeAll(async () => {
    // Prepare
    pdf = await renderReportPdf(pack, { packSha256: PACK_SHA256 });
    pages = await pagesOf(pdf);
    text = pages.join('\n');
  });

  it('is a PDF', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('names the organization, the quarter and the period dates on the cover', () => {
    const cover = pages[0] ?? '';
    expect(cover).toContain('Brightpath Learning');
    expect(cover).toContain('2026-Q3 (2026-07-01 to 2026-09-30)');
    expect(cover).toContain('2026-10-01T06:42:17.000Z');
    expect(cover).toContain('evidence-vault/data-leak-reporting version 1.0.0');
  });

  it('shows the pack hash and the key fingerprint on the cover and the verification page', () => {
    const verify = pages.find((p) => p.includes('How to verify') && p.includes('openssl dgst')) ?? '';
    for (const page of [pages[0] ?? '', verify]) {
      expect(page).toContain(PACK_SHA256);
      expect(page).toContain(FINGERPRINT);
    }
  });

  it('lists every control id', () => {
    expect(pack.controls).toHaveLength(39);
    for (const c of pack.controls) expect(text).toContain(c.id);
  });

  it('numbers every page "Page N of M" with the organization and period', () => {
    const total = pages.length;
    expect(pages[0]).toContain(`Page 1 of ${total}`);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${total}`);
      expect(page).toContain('Brightpath Learning - evidence report 2026-Q3');
    });
  });

  it('gives each contents entry the page its section starts on', () => {
    expect(sectionPage('Control matrix')).toMatch(/^Control matrix\n/);
    expect(sectionPage('s3-bucket-versioning')).toMatch(/^s3-bucket-versioning\nVersioning on student-data buckets/);
    expect(sectionPage(DISABLED.id)).toMatch(new RegExp(`^${DISABLED.id}\n`));
    expect(sectionPage('How to verify')).toMatch(/^How to verify\n/);
  });

  it('lists the exception dates of a control with exceptions, with the resource and the reason', () => {
    const page = sectionPage('s3-bucket-versioning');
    expect(page).toContain('2026-07-21 to 2026-07-27 (7 days): fail');
    expect(page).toContain('brightpath-prod-student-records');
    expect(page).toContain('Status is Suspended');
  });

  it('shows a disabled control with its reason', () => {
    const page = sectionPage(DISABLED.id);
    expect(page).toContain('Disabled by the organization');
    expect(page.replace(/\s+/g, ' ')).toContain(DISABLED.reason);
  });

  it('states the executive summary with numbers', () => {
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('0 of 38 enabled controls passed on every one of the 92 days of the period.');
    expect(flat).toContain(`2 days of 92 have no manifest: ${MISSING_DAYS.join(', ')}.`);
    expect(flat).toContain('5 collection gaps were recorded on 3 days');
  });

  it('gives the verification commands and the Merkle root of every manifest', () => {
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('sha256sum -c SHA256SUMS');
    expect(flat).toContain('openssl dgst -sha256 -verify public-key.pem -signature pack.json.sig pack.json');
    expect(flat).toContain('openssl pkey -pubin -in public-key.pem -outform DER | sha256sum');
    expect(flat).toContain('evidence verify PACK.zip --public-key');
    for (const m of pack.chain.manifests) expect(text).toContain(m.merkleRoot.slice(0, 32));
  });

  it('lists the gaps and the missed days', () => {
    const page = sectionPage('Gaps and missed days');
    expect(page).toContain('ThrottlingException');
    expect(page).toContain('2026-09-19');
    for (const day of MISSING_DAYS) expect(page).toContain(day);
  });
});
