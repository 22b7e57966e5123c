import { entitySpec, type EntityName } from '../core/entities.ts';
import type { HotspotError } from '../core/errors.ts';
import { InvalidFileError, UsageError } from '../core/errors.ts';
import {
  ACCOUNT_DOMAIN,
  ACCOUNT_NAME,
  normalizeHeader,
  PRESET_SPECS,
  type Preset,
  type TargetColumn,
} from './presets.ts';

export type MappedColumn = {
  index: number;
  header: string;
  target: TargetColumn;
  /** 'map' when an override chose the target, 'preset' when the header's name did. */
  how: 'map' | 'preset';
};

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

/** A file's headers matched to an entity's columns, and the first reason it cannot be imported. */
export type ColumnMatch = ColumnMapping & { problem: HotspotError | null };

/**
 * Matches a file's headers to an entity's columns as the CRMs' import tools do: by API name
 * or label, case and spacing ignored. `overrides` (from `--map "Source Column=field"`) win.
 * Never throws: a bad override is skipped, a second header claiming a column is ignored, and
 * the first such problem (or a missing required column) is returned as `problem`.
 */
export function matchColumns(options: {
  fileName: string;
  entity: EntityName;
  preset: Preset;
  headers: readonly string[];
  overrides?: ReadonlyMap<string, TargetColumn>;
}): ColumnMatch {
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
  let problem: HotspotError | null = null;
  const report = (error: HotspotError): void => {
    problem ??= error;
  };
  const overrides = new Map<string, TargetColumn>();
  for (const [source, target] of options.overrides ?? []) {
    if (!aliases.has(target)) {
      report(
        new UsageError(
          `--map "${source}=${target}": ${entity} has no field ${target} (fields: ${[...aliases.keys()].join(', ')})`,
        ),
      );
    } else if (!headers.some((h) => normalizeHeader(h) === normalizeHeader(source))) {
      report(new UsageError(`--map "${source}=${target}": ${fileName} has no column "${source}"`));
    } else {
      overrides.set(normalizeHeader(source), target);
    }
  }

  const columns: MappedColumn[] = [];
  const ignored: string[] = [];
  const claimed = new Map<TargetColumn, string>();
  headers.forEach((header, index) => {
    const key = normalizeHeader(header);
    const override = overrides.get(key);
    const target = override ?? byAlias.get(key);
    if (target === undefined) {
      ignored.push(header);
      return;
    }
    const previous = claimed.get(target);
    if (previous !== undefined) {
      report(
        new InvalidFileError(
          `${fileName}: columns "${previous}" and "${header}" both mean ${entity}.${target}; keep one or choose with --map`,
        ),
      );
      ignored.push(header);
      return;
    }
    claimed.set(target, header);
    columns.push({ index, header, target, how: override === undefined ? 'preset' : 'map' });
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
    report(
      new InvalidFileError(`${fileName}: no column for required field ${hint}`, {
        details: { missing, headers },
      }),
    );
  }
  return { columns, ignored, problem };
}

/**
 * `matchColumns`, throwing its problem: InvalidFileError when a required column is missing or two
 * headers claim one column, UsageError for an override naming an unknown field or column.
 */
export function mapColumns(options: Parameters<typeof matchColumns>[0]): ColumnMapping {
  const { columns, ignored, problem } = matchColumns(options);
  if (problem) throw problem;
  return { columns, ignored };
}

/**
 * The preset whose names match most of the headers (native on a tie): how a file from an
 * unknown system is recognised.
 */
export function detectPreset(entity: EntityName, headers: readonly string[]): Preset {
  let best: { preset: Preset; matched: number } = { preset: 'native', matched: -1 };
  for (const preset of ['native', 'salesforce', 'hubspot'] as const) {
    const names = new Set(
      [...targetAliases(entity, preset).values()].flat().map((n) => normalizeHeader(n)),
    );
    const matched = headers.filter((h) => names.has(normalizeHeader(h))).length;
    if (matched > best.matched) best = { preset, matched };
  }
  return best.preset;
}
