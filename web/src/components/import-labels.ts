import type { z } from 'zod';
import type { ENTITY_VALUES, PRESET_VALUES } from '../../../src/contract/common.ts';
import type {
  ImportList as ImportListSchema,
  ImportSummary as ImportSummarySchema,
} from '../../../src/contract/imports.ts';

export type Entity = (typeof ENTITY_VALUES)[number];
export type Preset = (typeof PRESET_VALUES)[number];
export type ImportSummary = z.infer<typeof ImportSummarySchema>;
export type ImportLogEntry = z.infer<typeof ImportListSchema>['imports'][number];
type ImportOutcome = ImportSummary['outcome'];
export type Rejection = ImportSummary['rejections'][number];

/*
 * Records keyed by the contract's unions: the compiler fails here when an entity or preset is
 * added to the contract and not to these lists (and the value lists stay out of the bundle).
 */
export const ENTITY_LABELS: Record<Entity, string> = {
  account: 'Accounts',
  contact: 'Contacts',
  deal: 'Deals (opportunities)',
  contract: 'Contracts',
  invoice: 'Invoices',
  ticket: 'Support tickets',
  activity: 'Activities',
  assessment_answer: 'Assessment answers',
  competitor_sighting: 'Competitor sightings',
  feature_request: 'Feature requests',
  signal: 'Signals',
  rep: 'Reps (account owners)',
  product_family: 'Product families',
};

export const ENTITIES = Object.keys(ENTITY_LABELS) as Entity[];

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity as Entity] ?? entity;
}

export const PRESET_LABELS: Record<Preset, string> = {
  native: 'Hotspot (native columns)',
  salesforce: 'Salesforce export',
  hubspot: 'HubSpot export',
};

export const PRESETS = Object.keys(PRESET_LABELS) as Preset[];

export const OUTCOME_LABELS: Record<ImportOutcome, string> = {
  imported: 'Imported',
  imported_with_rejections: 'Some rows rejected',
  rejected_strict: 'Nothing imported',
  failed: 'Failed',
};

/** The badge colour class of an outcome (see Imports.css). */
export function outcomeTone(outcome: ImportOutcome): 'ok' | 'warn' | 'bad' {
  switch (outcome) {
    case 'imported':
      return 'ok';
    case 'imported_with_rejections':
      return 'warn';
    case 'rejected_strict':
    case 'failed':
      return 'bad';
  }
}

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const thisYear = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** "Nov 23, 1:22 AM" this year, "Nov 23, 2025, 1:22 AM" before (the text as given when it is not a date). */
export function formatDateTime(text: string): string {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  return date.getFullYear() === new Date().getFullYear()
    ? thisYear.format(date)
    : dateTime.format(date);
}
