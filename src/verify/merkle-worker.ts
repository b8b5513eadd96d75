import { hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { leafDigests, merkleRootOfDigests } from '../core/merkle';
import type { ManifestV1 } from '../core/manifest';
import type { Failures } from './codes';

/**
 * Merkle roots of the manifests (docs/verification.md §Step 5), computed on a second thread while
 * the main one goes on reading and parsing: a quarter's pack has about a million leaves, and their
 * hashing is the largest single piece of work after parsing. The worker runs the very function
 * the rest of the project uses (merkleRootOfDigests, self-contained). Mismatches are reported by
 * `finish`, in the order the manifests were checked. Without a worker (none can be started) the
 * roots are computed in place, with the same results.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { hash } = require('node:crypto');
const merkleRootOfDigests = (${merkleRootOfDigests.toString()});
parentPort.on('message', (m) => {
  const digests = Buffer.from(m.digests.buffer, m.digests.byteOffset, m.digests.byteLength);
  const root = merkleRootOfDigests(digests, m.count, (b) => hash('sha256', b, 'buffer'));
  parentPort.postMessage({ id: m.id, root: root.toString('hex') });
});
`;

/** Below this many leaves a root is computed in place: a message costs more than the hashing. */
const IN_PLACE_BELOW = 2048;

interface Pending {
  key: string;
  count: number;
  claimed: ManifestV1['merkle'];
  root: Promise<string>;
}

export class MerkleChecks {
  private worker: Worker | null | undefined;
  private readonly waiting = new Map<number, { resolve: (root: string) => void; reject: (e: Error) => void }>();
  private readonly pending: Pending[] = [];
  private nextId = 0;

  /** Starts the root of one well-formed manifest. */
  check(key: string, m: ManifestV1): void {
    const count = m.artifacts.length;
    const digests = leafDigests(m.artifacts.map((a) => a.sha256));
    const worker = count < IN_PLACE_BELOW ? null : this.start();
    let root: Promise<string>;
    if (worker === null) {
      root = Promise.resolve(merkleRootOfDigests(digests, count, (b) => hash('sha256', b, 'buffer')).toString('hex'));
    } else {
      const id = this.nextId++;
      root = new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
      worker.postMessage({ id, digests, count }, [digests.buffer as ArrayBuffer]);
    }
    this.pending.push({ key, count, claimed: m.merkle, root });
  }

  /** Reports every mismatch (MERKLE_ROOT_MISMATCH), then stops the worker. */
  async finish(failures: Failures): Promise<void> {
    try {
      for (const p of this.pending) {
        const root = await p.root;
        if (p.claimed.leafCount !== p.count || p.claimed.root !== root) {
          failures.add(
            'MERKLE_ROOT_MISMATCH',
            p.key,
            `${p.key}: expected leafCount ${p.count} and root ${root} from its artifact list, found leafCount ${p.claimed.leafCount} and root ${p.claimed.root}`,
          );
        }
      }
    } finally {
      this.pending.length = 0;
      await this.worker?.terminate();
      this.worker = undefined;
    }
  }

  private start(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref();
      worker.on('message', (m: { id: number; root: string }) => {
        this.waiting.get(m.id)?.resolve(m.root);
        this.waiting.delete(m.id);
      });
      worker.on('error', () => this.fail());
      worker.on('exit', () => this.fail());
      this.worker = worker;
    } catch {
      this.worker = null;
    }
    return this.worker;
  }

  /** A worker that died leaves its roots undone: verification stops with an error, never a guess. */
  private fail(): void {
    for (const [id, { reject }] of this.waiting) {
      reject(new Error('the thread computing Merkle roots stopped before it answered'));
      this.waiting.delete(id);
    }
  }
}
