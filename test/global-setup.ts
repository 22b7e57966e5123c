import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every test's temporary files go into one folder, removed when the run ends. */
export function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-tests-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
