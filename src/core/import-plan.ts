import type { EntityName, FieldSpec } from './entities.ts';

export type Preset = 'native' | 'salesforce' | 'hubspot';

/** Reasons a row is rejected: a closed set, written to the error file's `error_code`. */
export type RowErrorCode =
  | 'malformed_row'
  | 'required'
  | 'invalid_number'
  | 'invalid_date'
  | 'invalid_value'
  | 'out_of_range'
  | 'invalid_range'
  | 'duplicate_id'
  | 'unknown_account'
  | 'ambiguous_account'
  | 'unknown_reference';

/** One column of the file as the importer reads it. */
export type PlannedColumn = {
  /** Position in the file (0-based) and its header, for messages. */
  index: number;
  header: string;
  target: string;
  /** The canonical field, absent for account_domain / account_name. */
  field?: FieldSpec;
  /** Canonical enum value for each accepted spelling (normalised with normalizeToken). */
  enumValues?: Record<string, string>;
};

/** A date-order rule between two fields: `later` must not be before `earlier`. */
export type DateOrder = { earlier: string; later: string };

/** Everything the store needs to validate and upsert one file: no SQL, just decisions. */
export type ImportPlan = {
  entity: EntityName;
  source: string;
  preset: Preset;
  columns: PlannedColumn[];
  dateFormats: readonly string[];
  salesforceIds: boolean;
  footer: boolean;
  dateOrders: DateOrder[];
};
