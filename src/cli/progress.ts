/** A one-line progress display on a terminal; silent when stderr is not a TTY (CI, pipes). */
export class Progress {
  private readonly tty: boolean;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = stream.isTTY === true;
  }

  update(done: number, total: number, text: string): void {
    if (!this.tty) return;
    const width = 24;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${text}\u001b[K`);
  }

  done(): void {
    if (this.tty) this.stream.write('\r\u001b[K');
  }
}
