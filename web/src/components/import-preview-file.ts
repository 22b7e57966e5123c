/** Files up to this size are previewed whole. */
const WHOLE_UP_TO = 2 * 1024 * 1024;
/** How much of a bigger text file the preview reads: far more than its first 10 rows. */
const HEAD_BYTES = 512 * 1024;

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * The part of a file the preview needs. The preview reads the header and 10 rows, so a big CSV
 * is cut after its last complete line in the first 512 KB (a newline inside quotes does not end
 * a line): changing a mapping then does not upload the whole file again. Parquet and JSON cannot
 * be cut, and neither can UTF-16 text (a newline there is two bytes), so they go whole.
 */
export async function previewPart(file: File): Promise<File> {
  if (file.size <= WHOLE_UP_TO || !/\.(csv|tsv|txt)$/i.test(file.name)) return file;
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16) return file;
  let quoted = false;
  let end = -1;
  for (let i = 0; i < head.length; i++) {
    const byte = head[i];
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === NEWLINE && !quoted) end = i;
  }
  if (end < 0) return file;
  return new File([head.subarray(0, end + 1)], file.name, { type: file.type });
}
