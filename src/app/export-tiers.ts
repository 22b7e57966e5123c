import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import type { AccountScope } from '../core/access.ts';
import { UsageError } from '../core/errors.ts';
import {
  allScoredAccounts,
  exportRunParquet,
  type ScoredAccountRow,
} from '../db/scored-accounts.ts';
import type { Store } from '../db/store.ts';
import { resolveRun } from './portfolio.ts';

export const EXPORT_FORMATS = ['salesforce', 'hubspot', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Tier names as a CRM picklist shows them (create the property with exactly these options). */
export const TIER_LABELS: Record<string, string> = {
  '1a': 'Tier 1a',
  '1b': 'Tier 1b',
  '2-value': 'Tier 2 (value-led)',
  '2-need': 'Tier 2 (need-led)',
  '3': 'Tier 3',
};

const capitalised = (s: string): string => `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`;
const num = (x: number | null): string => (x === null ? '' : String(Math.round(x * 10) / 10));

type Column = { header: string; value: (a: ScoredAccountRow, updated: string) => string };

/** Columns of each CRM's import file: its record id plus custom fields (Salesforce) or properties (HubSpot). */
const CRM_COLUMNS: Record<'salesforce' | 'hubspot', Column[]> = {
  salesforce: [
    { header: 'Id', value: (a) => a.externalId },
    { header: 'Account_Tier__c', value: (a) => TIER_LABELS[a.tier] ?? a.tier },
    { header: 'Value_Score__c', value: (a) => num(a.value) },
    { header: 'Need_Score__c', value: (a) => num(a.need) },
    { header: 'Behavior_Score__c', value: (a) => num(a.behavior) },
    { header: 'Relationship_Category__c', value: (a) => capitalised(a.category) },
    { header: 'High_Value_Potential__c', value: (a) => String(a.highValue) },
    { header: 'Score_Updated_At__c', value: (_a, updated) => updated },
  ],
  hubspot: [
    { header: 'Record ID', value: (a) => a.externalId },
    { header: 'Account Tier', value: (a) => TIER_LABELS[a.tier] ?? a.tier },
    { header: 'Value Score', value: (a) => num(a.value) },
    { header: 'Need Score', value: (a) => num(a.need) },
    { header: 'Behavior Score', value: (a) => num(a.behavior) },
    { header: 'Relationship Category', value: (a) => capitalised(a.category) },
    { header: 'High-Value Potential', value: (a) => String(a.highValue) },
    { header: 'Score Updated', value: (_a, updated) => updated },
  ],
};

const CSV_COLUMNS: Column[] = [
  { header: 'account_id', value: (a) => a.externalId },
  { header: 'source', value: (a) => a.source },
  { header: 'name', value: (a) => a.name },
  { header: 'tier', value: (a) => a.tier },
  { header: 'computed_tier', value: (a) => a.computedTier },
  { header: 'overridden', value: (a) => String(a.overridden) },
  { header: 'value', value: (a) => num(a.value) },
  { header: 'need', value: (a) => num(a.need) },
  { header: 'behavior', value: (a) => num(a.behavior) },
  { header: 'category', value: (a) => a.category },
  { header: 'high_value', value: (a) => String(a.highValue) },
  {
    header: 'potential_spend',
    value: (a) => (a.potentialSpend === null ? '' : a.potentialSpend.toFixed(2)),
  },
  {
    header: 'share_of_wallet',
    value: (a) => (a.shareOfWallet === null ? '' : String(a.shareOfWallet)),
  },
  { header: 'revenue_ttm', value: (a) => a.revenueTtm.toFixed(2) },
  { header: 'score_updated', value: (_a, updated) => updated },
];

/**
 * Writes the latest run's tiers, scores, category and high-value flag as a file the CRM's import
 * tool accepts (matched by record id), or as plain CSV / Parquet. CRM files hold the accounts of
 * that CRM's source only, since only those ids exist there; every file holds the accounts in
 * `scope` only (default: every account).
 */
export async function exportTiers(
  store: Store,
  options: {
    format: ExportFormat;
    out: string;
    source?: string;
    runId?: number;
    scope?: AccountScope;
  },
): Promise<{ rows: number; path: string; runId: number }> {
  const run = await resolveRun(store, options.runId);
  const { scope } = options;
  if (options.format === 'parquet') {
    return {
      rows: await exportRunParquet(store, { runId: run.id, path: options.out, scope }),
      path: options.out,
      runId: run.id,
    };
  }
  const all = await allScoredAccounts(store, { runId: run.id, scope });
  const crm = options.format === 'csv' ? null : options.format;
  const source = options.source ?? crm;
  const accounts =
    source === null || source === undefined ? all : all.filter((a) => a.source === source);
  if (crm && accounts.length === 0) {
    const sources = [...new Set(all.map((a) => a.source))].join(', ');
    throw new UsageError(
      `no scored accounts come from source "${source}" (sources here: ${sources}); pass --source NAME`,
    );
  }
  const columns = crm ? CRM_COLUMNS[crm] : CSV_COLUMNS;
  const out = createWriteStream(options.out);
  const csv = stringify();
  csv.pipe(out);
  csv.write(columns.map((c) => c.header));
  for (const account of accounts) {
    if (!csv.write(columns.map((c) => c.value(account, run.asOf)))) await once(csv, 'drain');
  }
  csv.end();
  await once(out, 'finish');
  return { rows: accounts.length, path: options.out, runId: run.id };
}
