import { open, type FileHandle } from 'node:fs/promises';

/**
 * Physical line numbers (header = line 1) of CSV data records, for error reports.
 *
 * The bulk reader numbers the records that parsed, skipping blank lines and the rows it rejected
 * as malformed; this walks the raw bytes with the same rules (quotes may hold newlines) so that
 * record k can be named by the line a person sees in an editor. It reads forward only: ask for
 * records in increasing order.
 */
export class RecordLocator {
  /** Line of each malformed row, by the byte position the reader reported, once passed. */
  readonly malformedLines = new Map<number, number>();
  readonly #file: FileHandle;
  readonly #malformed: number[];
  readonly #buffer = Buffer.alloc(1 << 20);
  #nextMalformed = 0;
  #parsedIndex = -1;
  #seenHeader = false;
  #line = 1;
  #recordLine = 1;
  #recordStart = 0;
  #hasContent = false;
  #quoted = false;
  /** File offset of buffer[0], bytes in the buffer, next byte to read. */
  #bufferStart = 0;
  #length = 0;
  #index = 0;
  #done = false;
  /** Records completed by the scan but not yet asked for: index → line. */
  #pending: { record: number; line: number } | null = null;

  private constructor(file: FileHandle, malformedAt: readonly number[]) {
    this.#file = file;
    this.#malformed = [...malformedAt].sort((a, b) => a - b);
  }

  static async open(path: string, malformedAt: readonly number[]): Promise<RecordLocator> {
    return new RecordLocator(await open(path, 'r'), malformedAt);
  }

  /** The line on which parsed record `record` starts; calls must not go backwards. */
  async lineOf(record: number): Promise<number> {
    while (this.#pending === null || this.#pending.record < record) {
      if (!(await this.#nextRecord())) return record + 2;
    }
    return this.#pending.line;
  }

  /** Reads to the end so that every malformed row has its line, then closes the file. */
  async finish(): Promise<Map<number, number>> {
    while (this.#nextMalformed < this.#malformed.length && (await this.#nextRecord()));
    await this.#file.close();
    return this.malformedLines;
  }

  /** Advances to the next parsed record (settling malformed rows on the way); false at the end. */
  async #nextRecord(): Promise<boolean> {
    for (;;) {
      const ended = await this.#scanToRecordEnd();
      if (ended === null) return false;
      if (ended === 'parsed') return true;
    }
  }

  /** Scans to the end of the next non-blank record and classifies it. */
  async #scanToRecordEnd(): Promise<'parsed' | 'skipped' | null> {
    for (;;) {
      if (this.#index >= this.#length) {
        if (this.#done) return this.#endRecord(true);
        this.#bufferStart += this.#length;
        const { bytesRead } = await this.#file.read(
          this.#buffer,
          0,
          this.#buffer.length,
          this.#bufferStart,
        );
        this.#length = bytesRead;
        this.#index = 0;
        if (bytesRead === 0) this.#done = true;
        continue;
      }
      const byte = this.#buffer[this.#index++];
      if (byte === 0x22) {
        this.#quoted = !this.#quoted;
        this.#hasContent = true;
      } else if (byte === 0x0a) {
        this.#line++;
        if (!this.#quoted) {
          const kind = this.#endRecord(false);
          this.#recordStart = this.#bufferStart + this.#index;
          this.#recordLine = this.#line;
          this.#hasContent = false;
          if (kind !== null) return kind;
        }
      } else if (
        !this.#hasContent &&
        byte !== 0x0d &&
        byte !== 0x20 &&
        byte !== 0x09 &&
        byte !== 0xef &&
        byte !== 0xbb &&
        byte !== 0xbf
      ) {
        this.#hasContent = true;
      }
    }
  }

  /** Classifies the record that just ended: blank (null), header or malformed ('skipped'), or parsed. */
  #endRecord(atEnd: boolean): 'parsed' | 'skipped' | null {
    if (!this.#hasContent) return null;
    if (atEnd) this.#hasContent = false;
    if (!this.#seenHeader) {
      this.#seenHeader = true;
      return 'skipped';
    }
    // the reader's byte position is the row's start, a preceding blank line, or one byte past
    // the start after a quoted newline; no earlier record can start that late
    const position = this.#malformed[this.#nextMalformed];
    if (position !== undefined && position - 1 <= this.#recordStart) {
      this.malformedLines.set(position, this.#recordLine);
      this.#nextMalformed++;
      return 'skipped';
    }
    this.#parsedIndex++;
    this.#pending = { record: this.#parsedIndex, line: this.#recordLine };
    return 'parsed';
  }
}
