import { closeSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import * as yauzl from 'yauzl';

/**
 * Small zip entries read straight from the zip's file (docs/verification.md §Verifying a pack,
 * zip): a pack zip holds a hundred thousand artifacts of a few hundred bytes, stored in the
 * order they are checked, so they are read through one moving window of the file and inflated
 * in one call each, instead of one stream per entry. The same bounds hold as for a stream: the
 * local header must be one, the data must lie inside the file, inflating stops one byte past
 * the declared size (a zip bomb never grows), and the size and CRC-32 must be the declared ones.
 */
const LOCAL_HEADER = 0x04034b50;
const WINDOW = 4 * 1024 * 1024;
const STREAM_CHUNK = 1024 * 1024;

export class ZipWindow {
  private buf = Buffer.alloc(0);
  private start = 0;

  constructor(
    private readonly fd: number,
    private readonly fileSize: number,
  ) {}

  /** `length` bytes at `offset`, or null past the end of the file; valid until the next call. */
  at(offset: number, length: number): Buffer | null {
    if (offset < 0 || offset + length > this.fileSize) return null;
    if (offset >= this.start && offset + length <= this.start + this.buf.length) return this.buf.subarray(offset - this.start, offset - this.start + length);
    const size = Math.max(length, Math.min(WINDOW, this.fileSize - offset));
    const buf = size === this.buf.length ? this.buf : Buffer.allocUnsafe(size);
    for (let at = 0; at < size; ) {
      const n = readSync(this.fd, buf, at, size - at, offset + at);
      if (n === 0) return null;
      at += n;
    }
    this.buf = buf;
    this.start = offset;
    return buf.subarray(0, length);
  }
}

export type DirectOutcome = { ok: true; bytes: Buffer } | { ok: false; why: string };

/** The entry's bytes, checked against its central directory record; `why` says what is wrong. */
export function readEntryDirect(win: ZipWindow, e: yauzl.Entry): DirectOutcome {
  const header = win.at(e.relativeOffsetOfLocalHeader, 30);
  if (header === null || header.readUInt32LE(0) !== LOCAL_HEADER) return { ok: false, why: 'has no local file header where the central directory says' };
  const dataStart = e.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const data = win.at(dataStart, e.compressedSize);
  if (data === null) return { ok: false, why: `has data past the end of the zip (${dataStart} + ${e.compressedSize} bytes)` };
  let bytes: Buffer;
  if (e.compressionMethod === 0) {
    if (e.compressedSize !== e.uncompressedSize) return { ok: false, why: `is stored as ${e.compressedSize} bytes but declares ${e.uncompressedSize}` };
    bytes = Buffer.from(data); // a copy: the window moves on
  } else {
    try {
      bytes = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
    } catch (err) {
      return { ok: false, why: `does not inflate to its declared ${e.uncompressedSize} bytes (${(err as Error).message})` };
    }
    if (bytes.length !== e.uncompressedSize) return { ok: false, why: `inflates to ${bytes.length} bytes, its header declares ${e.uncompressedSize}` };
  }
  const crc = crc32(bytes) >>> 0;
  if (crc !== e.crc32 >>> 0) return { ok: false, why: `has CRC-32 ${crc}, its header declares ${e.crc32 >>> 0}` };
  return { ok: true, bytes };
}

/**
 * yauzl's reader over the same descriptor and window: its central directory is a hundred thousand
 * small reads, answered from memory instead of one thread-pool round trip each. Large entries
 * stream from the descriptor. Callbacks are deferred, so that reading entry after entry never
 * nests calls.
 */
export class WindowReader extends yauzl.RandomAccessReader {
  readonly window: ZipWindow;

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {
    super();
    this.window = new ZipWindow(fd, size);
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    const got = this.window.at(position, Math.min(length, Math.max(0, this.size - position)));
    const n = got === null ? 0 : got.copy(buffer, offset);
    process.nextTick(callback, null, n);
  }

  /** A stream that reads the range itself: an fs stream given this descriptor would close it when destroyed. */
  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd;
    let position = start;
    return new Readable({
      read(): void {
        if (position >= end) {
          this.push(null);
          return;
        }
        const chunk = Buffer.allocUnsafe(Math.min(STREAM_CHUNK, end - position));
        try {
          const n = readSync(fd, chunk, 0, chunk.length, position);
          if (n === 0) throw new Error(`unexpected end of the zip at byte ${position}`);
          position += n;
          this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
        } catch (e) {
          this.destroy(e as Error);
        }
      },
    });
  }

  override close(callback: (err: Error | null) => void): void {
    closeSync(this.fd);
    process.nextTick(callback, null);
  }
}
