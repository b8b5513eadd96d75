import { bareHex, groupHex, plural } from './pdf-format';
import { contentWidth, ensureSpace, field, font, FONT, heading, INK, MARGIN, para, SIZE, subheading, type Doc, type ReportCtx } from './pdf-layout';
import { drawTable } from './pdf-table';

/**
 * How to verify: the commands an auditor runs on the pack with the CLI or with sha256sum and
 * openssl alone (README "How an auditor verifies a vault"), the values they must print, and
 * the Merkle root of every manifest so a printed copy can be checked against the files.
 */
export function drawVerify(ctx: ReportCtx): void {
  const { doc, pack } = ctx;
  const fingerprint = bareHex(pack.signingKey.fingerprint);
  heading(ctx, 'verify', 'How to verify', 1, 200);
  para(doc, 'Everything below runs offline, without AWS credentials and without trusting the organization. Run it in the folder the pack zip unpacks to.');
  subheading(doc, '1. The key is the organization\'s', 60);
  para(doc, 'Compare the fingerprint of the pack\'s public key with the fingerprint the organization published through another channel:');
  command(doc, 'openssl pkey -pubin -in public-key.pem -outform DER | sha256sum');
  field(doc, 'Expected output', `${fingerprint}  -`, { mono: true, labelWidth: 110 });
  field(doc, 'Grouped', groupHex(fingerprint), { mono: true, labelWidth: 110 });
  subheading(doc, '2. The pack is complete and signed', 60);
  command(doc, 'sha256sum -c SHA256SUMS');
  command(doc, 'openssl dgst -sha256 -verify public-key.pem -signature pack.json.sig pack.json');
  para(doc, 'Every line of the first must end in OK; the second must print "Verified OK". The SHA-256 of pack.json (sha256sum pack.json) must be the pack hash on the cover:');
  field(doc, 'pack.json SHA-256', ctx.packSha256, { mono: true, labelWidth: 110 });
  subheading(doc, '3. Everything at once, with the Evidence Vault CLI', 60);
  command(doc, 'evidence verify PACK.zip --public-key public-key.pem');
  para(doc, 'Exit 0: intact. Exit 1: an integrity failure, printed with its code and file (ARTIFACT_HASH_MISMATCH, CHAIN_BROKEN, SIGNATURE_INVALID, ...). It also checks the chain of manifests and their Merkle roots, listed below. Use the published public key, not only the copy inside the pack.');
  subheading(doc, '4. The chain of daily manifests', 60);
  field(doc, 'Anchor', pack.chain.anchor ? `${pack.chain.anchor.key}\n${pack.chain.anchor.sha256}` : 'none: the first manifest of the vault is in this pack', { mono: pack.chain.anchor !== null, labelWidth: 110 });
  field(doc, 'Head', `${pack.chain.head.key} (sequence ${pack.chain.head.sequence})\n${pack.chain.head.sha256}`, { mono: true, labelWidth: 110 });
  para(doc, `${plural(pack.chain.manifests.length, 'manifest')}, each chained to the one before it by SHA-256. The Merkle root (RFC 6962) is computed over the SHA-256 of the artifacts the manifest lists.`, { gap: 8 });
  // Two 64-hex values do not fit side by side at a legible size, so each wraps into two halves.
  drawTable(
    doc,
    [
      { header: 'Date', share: 0.19 },
      { header: 'Seq.', share: 0.06 },
      { header: 'Manifest SHA-256', share: 0.375, mono: true },
      { header: 'Merkle root', share: 0.375, mono: true },
    ],
    pack.chain.manifests.map((m) => [`${m.date}\n${m.artifacts} artifacts, ${plural(m.gaps, 'gap')}`, String(m.sequence), halves(m.sha256), halves(m.merkleRoot)]),
  );
}

function halves(hex: string): string {
  const mid = Math.ceil(hex.length / 2);
  return `${hex.slice(0, mid)}\n${hex.slice(mid)}`;
}

/** A shell command in a shaded box, in Courier, as it must be typed. */
function command(doc: Doc, text: string): void {
  const width = contentWidth(doc) - 16;
  font(doc, FONT.mono, SIZE.small);
  const height = doc.heightOfString(text, { width }) + 10;
  ensureSpace(doc, height + 6);
  const y = doc.y;
  doc.rect(MARGIN.left, y, contentWidth(doc), height).fillColor(INK.shade).fill();
  doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left, y + height).lineWidth(2).strokeColor(INK.rule).stroke();
  font(doc, FONT.mono, SIZE.small).text(text, MARGIN.left + 8, y + 5, { width });
  doc.y = y + height + 6;
}
