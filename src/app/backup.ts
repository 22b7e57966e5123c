import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { HotspotError, InvalidFileError, messageOf, UsageError } from '../core/errors.ts';
import { copyWorkspace, type CopyCounts } from '../db/copy-workspace.ts';
import { isPostgresUrl, openStore } from '../db/open-store.ts';
import type { Store } from '../db/store.ts';

/** What a backup or restore moved: rows per table. */
export type BackupSummary = { path: string; tables: CopyCounts };

/**
 * Writes a consistent snapshot of the workspace (either engine) to `path`: one DuckDB
 * database file with the same schema, which `restoreWorkspace` loads into DuckDB or
 * PostgreSQL. The file appears only once it is complete. Throws CONFLICT when `path` exists.
 */
export async function backupWorkspace(
  store: Store,
  options: { path: string },
): Promise<BackupSummary> {
  const path = resolve(assertFilePath(options.path));
  if (existsSync(path))
    throw new HotspotError('CONFLICT', `${options.path} already exists: choose another file`);
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const discard = (): void => {
    rmSync(partial, { force: true });
    rmSync(`${partial}.wal`, { force: true });
  };
  discard();
  try {
    const backup = await openStore(partial);
    let tables: CopyCounts;
    try {
      tables = await copyWorkspace(store, backup);
    } finally {
      await backup.close();
    }
    renameSync(partial, path);
    return { path: options.path, tables };
  } finally {
    discard();
  }
}

/**
 * Loads a backup file into the workspace, all of it in one transaction. A workspace that
 * holds data is refused (CONFLICT) unless `replace` is set, which empties it first. A backup
 * from an older Hotspot is brought up to date on a copy; the file itself is left as it is.
 */
export async function restoreWorkspace(
  store: Store,
  options: { path: string; replace?: boolean },
): Promise<BackupSummary> {
  const path = assertFilePath(options.path);
  if (!existsSync(path) || !statSync(path).isFile())
    throw new InvalidFileError(`${options.path}: no such file`);
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-restore-'));
  try {
    const copy = join(dir, 'backup.duckdb');
    copyFileSync(path, copy);
    const backup = await openStore(copy).catch((cause: unknown) => {
      throw new InvalidFileError(
        `${options.path}: not a Hotspot backup (${messageOf(cause).replaceAll(copy, 'the file')})`,
        { cause },
      );
    });
    try {
      return {
        path: options.path,
        tables: await copyWorkspace(backup, store, { replace: options.replace }),
      };
    } catch (error) {
      if (error instanceof HotspotError && error.code === 'CONFLICT') {
        const held = (error.details.tables as string[] | undefined)?.join(', ') ?? 'data';
        throw new HotspotError(
          'CONFLICT',
          `${store.location} already holds data (${held}): restore into an empty workspace, or pass --replace to replace it`,
          { details: error.details, cause: error },
        );
      }
      throw error;
    } finally {
      await backup.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertFilePath(path: string): string {
  if (isPostgresUrl(path) || path === ':memory:')
    throw new UsageError(`${path}: a backup is a file; give its path`);
  return path;
}
