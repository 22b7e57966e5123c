import { entitySpec, type EntityName } from '../core/entities.ts';
import { InvalidFileError, UsageError } from '../core/errors.ts';
import {
  ACCOUNT_DOMAIN,
  ACCOUNT_NAME,
  normalizeHeader,
  PRESET_SPECS,
  type Preset,
  type TargetColumn,
} from './presets.ts';

export type MappedColumn = { index: number; header: string; target: TargetColumn };

export type ColumnMapping = {
  columns: MappedColumn[];
  /** Headers that matched nothing; they are left out of the import. */
  ignored: string[];
};

/** How support and billing exports commonly name the customer, when they have no account id. */
const ACCOUNT_REF_ALIASES: Record<string, readonly string[]> = {
  [ACCOUNT_NAME]: [
    'Account name',
    'Company',
    'Company name',
    'Customer',
    'Customer name',
    'Organization',
    'Organisation',
  ],
  [ACCOUNT_DOMAIN]: ['Account domain', 'Domain', 'Website', 'Company domain', 'Customer domain'],
};

/** Every column an entity's file may carry, with the header names that mean it. */
export function targetAliases(entity: EntityName, preset: Preset): Map<TargetColumn, string[]> {
  const spec = entitySpec(entity);
  const aliases = new Map<TargetColumn, string[]>();
  const add = (target: TargetColumn, names: readonly string[]): void => {
    aliases.set(target, [...(aliases.get(target) ?? []), ...names]);
  };
  add('id', ['id', 'External ID']);
  for (const field of spec.fields) add(field.name, [field.name, field.label]);
  if (spec.fields.some((f) => f.name === 'account_id')) {
    add('account_id', ['Account ID', 'Account external id']);
    for (const [target, names] of Object.entries(ACCOUNT_REF_ALIASES))
      add(target, [target, ...names]);
  }
  for (const [target, names] of Object.entries(PRESET_SPECS[preset].aliases[entity] ?? {})) {
    add(target, names);
  }
  return aliases;
}

/**
 * Matches a file's headers to an entity's columns as the CRMs' import tools do: by API name
 * or label, case and spacing ignored. `overrides` (from `--map "Source Column=field"`) win.
 * Throws InvalidFileError when a required column is missing or two headers claim one column.
 */
export function mapColumns(options: {
  fileName: string;
  entity: EntityName;
  preset: Preset;
  headers: readonly string[];
  overrides?: ReadonlyMap<string, TargetColumn>;
}): ColumnMapping {
  const { fileName, entity, preset, headers } = options;
  const aliases = targetAliases(entity, preset);
  const byAlias = new Map<string, TargetColumn>();
  // earlier aliases win: a field's own name beats a label another field shares
  for (const [target, names] of aliases) {
    for (const name of names) {
      const key = normalizeHeader(name);
      if (!byAlias.has(key)) byAlias.set(key, target);
    }
  }
  const overrides = new Map<string, TargetColumn>();
  for (const [source, target] of options.overrides ?? []) {
    if (!aliases.has(target)) {
      throw new UsageError(
        `--map "${source}=${target}": ${entity} has no field ${target} (fields: ${[...aliases.keys()].join(', ')})`,
      );
    }
    if (!headers.some((h) => normalizeHeader(h) === normalizeHeader(source))) {
      throw new UsageError(`--map "${source}=${target}": ${fileName} has no column "${source}"`);
    }
    overrides.set(normalizeHeader(source), target);
  }

  const columns: MappedColumn[] = [];
  const ignored: string[] = [];
  const claimed = new Map<TargetColumn, string>();
  headers.forEach((header, index) => {
    const key = normalizeHeader(header);
    const target = overrides.get(key) ?? byAlias.get(key);
    if (target === undefined) {
      ignored.push(header);
      return;
    }
    const previous = claimed.get(target);
    if (previous !== undefined) {
      throw new InvalidFileError(
        `${fileName}: columns "${previous}" and "${header}" both mean ${entity}.${target}; keep one or choose with --map`,
      );
    }
    claimed.set(target, header);
    columns.push({ index, header, target });
  });

  const spec = entitySpec(entity);
  const missing: string[] = [];
  if (!claimed.has('id')) missing.push('id');
  for (const field of spec.fields) {
    if (!field.required) continue;
    if (field.name === 'account_id') {
      if (![field.name, ACCOUNT_DOMAIN, ACCOUNT_NAME].some((t) => claimed.has(t))) {
        missing.push('account_id (or account_domain or account_name)');
      }
    } else if (!claimed.has(field.name)) {
      missing.push(field.name);
    }
  }
  if (missing.length > 0) {
    const hint = missing
      .map((m) => {
        const names = aliases.get(m.split(' ')[0] ?? m) ?? [];
        return `${m} (looked for: ${[...new Set(names)].slice(0, 4).join(', ')})`;
      })
      .join('; ');
    throw new InvalidFileError(`${fileName}: no column for required field ${hint}`, {
      details: { missing, headers },
    });
  }
  return { columns, ignored };
}
