import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../../test/stores.ts';
import { InvalidFileError } from '../core/errors.ts';
import type { Store } from '../db/store.ts';
import { importFile } from './import-file.ts';
import { previewImport } from './preview-import.ts';

describe.each(ENGINES)('%s', (engine) => {
  let store: Store;
  let dir: string;

  function write(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotspot-preview-'));
    store = await openTestStore(engine);
  });

  afterEach(async () => {
    await store.close();
  });

  describe('previewImport', () => {
    it('refuses a broken Parquet or JSON file as an import does, naming the file', async () => {
      for (const name of ['x.parquet', 'x.json']) {
        const path = write(name, Buffer.from([0x50, 0x41, 0x52, 0x31, 0x07, 0xfe, 0x00, 0x13]));
        const preview = await previewImport(store, { entity: 'account', path }).catch(
          (e: unknown) => e,
        );
        expect(preview).toBeInstanceOf(InvalidFileError);
        expect((preview as Error).message).toMatch(`${name}: cannot read the file (`);
        const imported = await importFile(store, { entity: 'account', path, dryRun: true }).catch(
          (e: unknown) => e,
        );
        expect((imported as Error).message).toBe((preview as Error).message);
      }
    });

    it('refuses a missing file', async () => {
      const path = join(dir, 'nowhere.csv');
      await expect(previewImport(store, { entity: 'account', path })).rejects.toThrow(
        new InvalidFileError(`${path}: no such file`),
      );
    });

    it('marks a column chosen by --map as map, matching its header as --map does', async () => {
      const path = write(
        'tickets.csv',
        'id,customer_name,Opened,severity\nT1,Acme,2026-09-01,high\n',
      );
      const preview = await previewImport(store, {
        entity: 'ticket',
        path,
        maps: new Map([
          ['Customer Name', 'account_name'],
          ['opened', 'opened_on'],
        ]),
      });
      expect(preview.problem).toBeNull();
      expect(preview.columns).toEqual([
        { header: 'id', target: 'id', how: 'preset' },
        { header: 'customer_name', target: 'account_name', how: 'map' },
        { header: 'Opened', target: 'opened_on', how: 'map' },
        { header: 'severity', target: 'severity', how: 'preset' },
      ]);
      expect(preview.rows).toEqual([['T1', 'Acme', '2026-09-01', 'high']]);
    });

    it('does not mark a column map when its --map was refused', async () => {
      const path = write('tickets.csv', 'id,Customer,opened_on,severity\n');
      const preview = await previewImport(store, {
        entity: 'ticket',
        path,
        maps: new Map([['customer', 'amount']]),
      });
      expect(preview.problem).toMatch('--map "customer=amount": ticket has no field amount');
      expect(preview.columns[1]).toEqual({
        header: 'Customer',
        target: 'account_name',
        how: 'preset',
      });
    });
  });
});
