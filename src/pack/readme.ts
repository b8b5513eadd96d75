import type { PackJson } from './model';

/**
 * README.txt (docs/formats/pack-v1.md §README.txt): how an auditor checks the pack step by step
 * with sha256sum and openssl alone, with this pack's own names and figures filled in.
 */
export function packReadme(pack: Pick<PackJson, 'organization' | 'period' | 'generatedAt' | 'signingKey' | 'chain'>, name: string): string {
  const { chain, period } = pack;
  const first = chain.manifests[0];
  return `Evidence pack ${period.quarter} - ${pack.organization}
${name}

Period        ${period.start} to ${period.end} (${period.days} days)
Generated     ${pack.generatedAt}
Manifests     ${chain.manifests.length}, from ${first?.key ?? '-'} to ${chain.head.key}
Chain anchor  ${chain.anchor === null ? 'none: the chain starts inside this quarter' : `${chain.anchor.key} sha256 ${chain.anchor.sha256}`}
Chain head    ${chain.head.key} sequence ${chain.head.sequence} sha256 ${chain.head.sha256}
Signing key   ${pack.signingKey.algorithm}, fingerprint ${pack.signingKey.fingerprint}

What is here
  pack.json                      every day's control results and the artifacts behind them,
                                 per-control summaries, gaps, missing days, the chain (format:
                                 evidence-vault/pack/v1)
  pack.json.sig                  signature of pack.json (DER ECDSA P-256 over SHA-256)
  report.pdf                     the same content for people
  oscal/assessment-results.json  the same results as OSCAL assessment results
  manifests/DATE/SEQ.json(.sig)  the quarter's signed daily manifests
  artifacts/sha256/XX/HASH.json  every artifact they list (what AWS was asked and answered)
  public-key.pem                 the signer's public key
  SHA256SUMS                     SHA-256 of every other file
  SHA256SUMS.sig                 signature of SHA256SUMS

How to verify with sha256sum and openssl alone (run in this folder)

1. Every file is intact:

     sha256sum -c SHA256SUMS
     openssl dgst -sha256 -verify public-key.pem -signature SHA256SUMS.sig SHA256SUMS

2. The key is the company's: compute its fingerprint and compare it with the one the company
   published (out of band, not from this pack):

     openssl pkey -pubin -in public-key.pem -outform DER | sha256sum

   It must read ${pack.signingKey.fingerprint}

3. pack.json is signed by that key (must print "Verified OK"):

     openssl dgst -sha256 -verify public-key.pem -signature pack.json.sig pack.json

4. Every manifest is signed by that key (each line must print "Verified OK"):

     for m in manifests/*/*.json; do
       printf '%s: ' "$m"; openssl dgst -sha256 -verify public-key.pem -signature "$m.sig" "$m"
     done

5. The manifests form one chain: the sha256sum of each manifest must equal the
   "previous":{"key":...,"sha256":...} of the next one, and the first manifest's previous must be
   the chain anchor above (the previous quarter's pack names it as its head):

     for m in manifests/*/*.json; do
       echo "$m $(sha256sum < "$m" | cut -c1-64) $(grep -o '"previous":\\(null\\|{[^}]*}\\)' "$m")"
     done

6. Every artifact's content matches its name (artifacts are content-addressed):

     for f in artifacts/sha256/*/*.json; do echo "$(basename "$f" .json)  $f"; done | sha256sum -c --quiet

With the Evidence Vault CLI (offline, no AWS credentials), all of the above and the Merkle roots:

     evidence verify ${name} --public-key company-public-key.pem
     evidence verify ${name}.zip --public-key company-public-key.pem
`;
}
