import { createReadStream } from 'node:fs';

/**
 * Physical line numbers (header = line 1) of CSV data records, for error reports.
 *
 * The bulk reader numbers records that parsed, skipping blank lines and the rows it rejected
 * as malformed; this scan walks the raw bytes with the same rules (quotes may hold newlines)
 * so record k of the bulk reader can be named by the line a person sees in an editor.
 */
export async function locateRecords(options: {
  path: string;
  /** 0-based indices of parsed data records to locate, in any order. */
  records: readonly number[];
  /** Byte offsets at or after which the reader found a malformed row (it skips those). */
  malformedAt: readonly number[];
}): Promise<{ lineOfRecord: Map<number, number>; lineOfMalformed: Map<number, number> }> {
  const wanted = new Set(options.records);
  const malformed = [...options.malformedAt].sort((a, b) => a - b);
  const lineOfRecord = new Map<number, number>();
  const lineOfMalformed = new Map<number, number>();
  const last = options.records.reduce((max, record) => Math.max(max, record), -1);
  let nextMalformed = 0;
  let parsedIndex = -1;
  let seenHeader = false;
  let line = 1;
  let recordLine = 1;
  let recordStart = 0;
  let hasContent = false;
  let quoted = false;
  let offset = 0;

  const endRecord = (): boolean => {
    if (!hasContent) return false;
    if (!seenHeader) {
      seenHeader = true;
      return false;
    }
    // the reader's byte position is the row's start, a preceding blank line, or one byte past
    // the start after a quoted newline; no earlier record can start that late
    const position = malformed[nextMalformed];
    if (position !== undefined && position - 1 <= recordStart) {
      lineOfMalformed.set(position, recordLine);
      nextMalformed++;
      return parsedIndex >= last && nextMalformed >= malformed.length;
    }
    parsedIndex++;
    if (wanted.has(parsedIndex)) lineOfRecord.set(parsedIndex, recordLine);
    return parsedIndex >= last && nextMalformed >= malformed.length;
  };

  outer: for await (const piece of createReadStream(options.path, { highWaterMark: 1 << 20 })) {
    const chunk = piece as Buffer;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 0x22) {
        quoted = !quoted;
        hasContent = true;
      } else if (byte === 0x0a) {
        line++;
        if (!quoted) {
          if (endRecord() && wanted.size === lineOfRecord.size) break outer;
          recordStart = offset + i + 1;
          recordLine = line;
          hasContent = false;
        }
      } else if (
        !hasContent &&
        byte !== 0x0d &&
        byte !== 0x20 &&
        byte !== 0x09 &&
        byte !== 0xef &&
        byte !== 0xbb &&
        byte !== 0xbf
      ) {
        hasContent = true;
      }
    }
    offset += chunk.length;
  }
  if (!quoted) endRecord();
  return { lineOfRecord, lineOfMalformed };
}
