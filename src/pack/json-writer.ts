import { createHash, type Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { PackDay, PackJson } from './model';

/**
 * Writes pack.json in one pass (docs/formats/pack-v1.md §pack.json): the members known before
 * the days, then each day as it is built, then the members that summarize the days. One member
 * or one day per line; the file's SHA-256 is computed as it is written.
 */
export type PackHead = Pick<PackJson, 'schema' | 'organization' | 'period' | 'generatedAt' | 'scope' | 'signingKey' | 'chain'>;
export type PackTail = Pick<PackJson, 'missingDays' | 'gaps' | 'catalog' | 'controls' | 'readiness'>;

export class PackJsonWriter {
  private readonly hash: Hash = createHash('sha256');
  private days = 0;

  private constructor(private readonly handle: fs.FileHandle) {}

  static async open(file: string, head: PackHead): Promise<PackJsonWriter> {
    const writer = new PackJsonWriter(await fs.open(file, 'wx'));
    await writer.write(`{${members(head)},\n"days":[`);
    return writer;
  }

  async day(day: PackDay): Promise<void> {
    await this.write(`${this.days++ === 0 ? '' : ','}\n${JSON.stringify(day)}`);
  }

  /** Closes the file and answers its SHA-256. */
  async close(tail: PackTail): Promise<string> {
    await this.write(`\n],\n${members(tail)}}\n`);
    await this.handle.close();
    return this.hash.digest('hex');
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  private async write(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    this.hash.update(bytes);
    await this.handle.write(bytes);
  }
}

function members(part: object): string {
  return Object.entries(part)
    .map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`)
    .join(',\n');
}
