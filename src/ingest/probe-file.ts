import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { basename, extname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtemp } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { InvalidFileError } from '../core/errors.ts';

export type FileFormat = 'csv' | 'parquet' | 'json';
export type Encoding = 'utf-8' | 'latin1' | 'utf-16le' | 'utf-16be';

export const ENCODINGS: readonly string[] = ['utf-8', 'latin1', 'utf-16le', 'utf-16be'];

/** What a CSV file looks like before it is read in bulk. */
export type CsvProbe = {
  /** A UTF-8 file with the same content (the input itself unless it had to be transcoded). */
  utf8Path: string;
  delimiter: string;
  headers: string[];
};

export function formatOf(path: string): FileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.parquet') return 'parquet';
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return 'json';
  return 'csv';
}

const SAMPLE_BYTES = 256 * 1024;

/**
 * Checks a CSV file's encoding, finds its delimiter and header. A file that is not valid UTF-8
 * is refused (naming line and byte) unless an encoding is given, in which case it is
 * transcoded to a temporary UTF-8 copy. UTF-16 with a byte-order mark is recognised.
 */
export async function probeCsv(path: string, encoding?: Encoding): Promise<CsvProbe> {
  const head = await readHead(path);
  const detected = encoding ?? detectBom(head);
  let utf8Path = path;
  if (detected && detected !== 'utf-8') {
    utf8Path = await transcodeToUtf8(path, detected);
  } else {
    await assertUtf8(path);
  }
  const sample = (utf8Path === path ? head : await readHead(utf8Path))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const firstLine = sample.split(/\r?\n/).find((line) => line.trim() !== '');
  if (firstLine === undefined)
    throw new InvalidFileError(`${basename(path)}: the file is empty (no header line)`);
  const delimiter = detectDelimiter(firstLine);
  const headers = parseHeader(firstLine, delimiter, path);
  return { utf8Path, delimiter, headers };
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r').catch((cause: unknown) => {
    throw new InvalidFileError(`${path}: cannot read the file (${(cause as Error).message})`, {
      cause,
    });
  });
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function detectBom(head: Buffer): Encoding | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Streams the file and refuses it at the first byte sequence that is not UTF-8. */
async function assertUtf8(path: string): Promise<void> {
  let carry: Buffer = Buffer.alloc(0);
  let offset = 0;
  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk = carry.length > 0 ? Buffer.concat([carry, piece as Buffer]) : (piece as Buffer);
    // keep an incomplete multi-byte sequence at the end for the next chunk
    const cut = completeLength(chunk);
    const body = chunk.subarray(0, cut);
    if (!isUtf8(body)) {
      const bad = offset + firstInvalidByte(body);
      const line = await lineAt(path, bad);
      throw new InvalidFileError(
        `${basename(path)} line ${line}: not valid UTF-8 (byte 0x${(body[bad - offset] ?? 0).toString(16).toUpperCase()} at byte ${bad}); save the file as UTF-8 or pass --encoding latin1`,
        { code: 'ENCODING', details: { line, byte: bad } },
      );
    }
    offset += body.length;
    carry = chunk.subarray(cut);
  }
  if (carry.length > 0) {
    throw new InvalidFileError(
      `${basename(path)}: the file ends in the middle of a UTF-8 character`,
      {
        code: 'ENCODING',
      },
    );
  }
}

/** The 1-based line that holds byte `position` (only needed to explain a bad byte). */
async function lineAt(path: string, position: number): Promise<number> {
  let line = 1;
  let offset = 0;
  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk = (piece as Buffer).subarray(0, Math.max(0, position - offset));
    line += countNewlines(chunk);
    offset += (piece as Buffer).length;
    if (offset >= position) break;
  }
  return line;
}

function completeLength(chunk: Buffer): number {
  // walk back over continuation bytes to the last lead byte; keep it if its sequence is cut
  let i = chunk.length - 1;
  let back = 0;
  while (i >= 0 && back < 3 && ((chunk[i] ?? 0) & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return chunk.length;
  const lead = chunk[i] ?? 0;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return chunk.length - i < needed ? i : chunk.length;
}

function firstInvalidByte(body: Buffer): number {
  let low = 0;
  let high = body.length;
  // binary search for the shortest invalid prefix; a valid prefix may end mid-character, so trim it
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (isUtf8(body.subarray(0, completeLength(body.subarray(0, mid))))) low = mid;
    else high = mid;
  }
  return completeLength(body.subarray(0, low));
}

function countNewlines(buffer: Buffer): number {
  let count = 0;
  let at = buffer.indexOf(10);
  while (at !== -1) {
    count++;
    at = buffer.indexOf(10, at + 1);
  }
  return count;
}

async function transcodeToUtf8(path: string, encoding: Encoding): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hotspot-'));
  const target = join(dir, basename(path));
  const decoder = new TextDecoder(encoding === 'latin1' ? 'latin1' : encoding);
  await pipeline(
    createReadStream(path),
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        done(
          null,
          Buffer.from(decoder.decode(chunk, { stream: true }).replace(/^\uFEFF/, ''), 'utf8'),
        );
      },
      flush(done) {
        done(null, Buffer.from(decoder.decode(), 'utf8'));
      },
    }),
    createWriteStream(target),
  );
  return target;
}

/** The delimiter that splits the header line into the most fields (outside quotes). */
export function detectDelimiter(line: string): string {
  const candidates = [',', ';', '\t', '|'];
  let best = ',';
  let bestCount = 0;
  for (const candidate of candidates) {
    let count = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === candidate) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function parseHeader(line: string, delimiter: string, path: string): string[] {
  try {
    const records: string[][] = parse(line, { delimiter, relax_quotes: true });
    const header = records[0];
    if (!header || header.length === 0) throw new Error('no header');
    return header.map((h) => h.trim());
  } catch (cause) {
    throw new InvalidFileError(`${basename(path)} line 1: cannot read the header line`, { cause });
  }
}
