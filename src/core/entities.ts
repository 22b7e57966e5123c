/**
 * The canonical data model (DESIGN section 1), declared once.
 *
 * This table drives the database schema, the native file format (headers are the field
 * names), validation of imported rows, the demo generator and the CRM presets.
 */

export type EntityName =
  | 'rep'
  | 'product_family'
  | 'account'
  | 'contact'
  | 'deal'
  | 'contract'
  | 'invoice'
  | 'ticket'
  | 'activity'
  | 'assessment_answer'
  | 'competitor_sighting'
  | 'feature_request'
  | 'signal';

/** A reference to another entity's record, given in a file by its external id (or name). */
export type Reference = 'account' | 'rep' | 'product_family' | 'contact';

export type FieldType =
  | { kind: 'text'; maxLength?: number }
  | { kind: 'integer'; min?: number }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'money'; min?: number }
  | { kind: 'date' }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'ref'; to: Reference };

export type FieldSpec = {
  /** snake_case name: the native header and the database column. */
  name: string;
  type: FieldType;
  required?: boolean;
  /** Plain-language label used in CLI output, error messages and the web app. */
  label: string;
};

export type EntitySpec = {
  name: EntityName;
  label: string;
  /** Fields besides `id` (the record's external id in its source system). */
  fields: readonly FieldSpec[];
};

export const LIFECYCLE_STAGES = ['introduction', 'growth', 'maturity', 'decline'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export const MARGIN_CLASSES = ['high', 'standard', 'low'] as const;
export const SENIORITIES = ['c_level', 'vp', 'director', 'manager', 'staff'] as const;
export type Seniority = (typeof SENIORITIES)[number];
export const CONTACT_ROLES = ['economic_buyer', 'champion', 'procurement', 'user'] as const;
export const DEAL_STAGES = ['open', 'won', 'lost'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export const DEAL_TYPES = ['new', 'expansion', 'pilot', 'renewal'] as const;
export type DealType = (typeof DEAL_TYPES)[number];
export const CONTRACT_KINDS = ['pilot', 'term'] as const;
export const CONTRACT_STATUSES = ['active', 'renewed', 'churned', 'converted'] as const;
export const TICKET_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const ACTIVITY_KINDS = ['meeting', 'call', 'email', 'qbr', 'event', 'visit'] as const;
export const SIGNAL_KINDS = ['upsell_hint', 'risk', 'competitor', 'other'] as const;

const text = (name: string, label: string): FieldSpec => ({ name, label, type: { kind: 'text' } });
const date = (name: string, label: string): FieldSpec => ({ name, label, type: { kind: 'date' } });
const money = (name: string, label: string): FieldSpec => ({
  name,
  label,
  type: { kind: 'money' },
});
const oneOf = (name: string, label: string, values: readonly string[]): FieldSpec => ({
  name,
  label,
  type: { kind: 'enum', values },
});
const ref = (name: string, label: string, to: Reference): FieldSpec => ({
  name,
  label,
  type: { kind: 'ref', to },
});
const required = (field: FieldSpec): FieldSpec => ({ ...field, required: true });
const account = required(ref('account_id', 'Account', 'account'));

/** Every entity, in dependency order: an entity only refers to entities before it. */
export const ENTITIES: readonly EntitySpec[] = [
  {
    name: 'rep',
    label: 'Reps',
    fields: [
      required(text('name', 'Name')),
      text('email', 'Email'),
      text('role', 'Role'),
      { name: 'capacity_hours', label: 'Capacity (hours/month)', type: { kind: 'number', min: 0 } },
      text('territory', 'Territory'),
    ],
  },
  {
    name: 'product_family',
    label: 'Product families',
    fields: [
      required(text('name', 'Name')),
      required(oneOf('stage', 'Life-cycle stage', LIFECYCLE_STAGES)),
      oneOf('margin_class', 'Margin class', MARGIN_CLASSES),
      { name: 'growth_aligned', label: 'Growth-aligned', type: { kind: 'boolean' } },
    ],
  },
  {
    name: 'account',
    label: 'Accounts',
    fields: [
      required(text('name', 'Account name')),
      text('domain', 'Web domain'),
      text('industry', 'Industry'),
      text('country', 'Country'),
      text('region', 'Region'),
      { name: 'employees', label: 'Employees', type: { kind: 'integer', min: 0 } },
      { name: 'annual_revenue', label: 'Annual revenue', type: { kind: 'money', min: 0 } },
      ref('owner_id', 'Owner', 'rep'),
      ref('parent_id', 'Parent account', 'account'),
      date('created_on', 'Created'),
    ],
  },
  {
    name: 'contact',
    label: 'Contacts',
    fields: [
      account,
      required(text('name', 'Name')),
      text('title', 'Title'),
      oneOf('seniority', 'Seniority', SENIORITIES),
      oneOf('role', 'Role', CONTACT_ROLES),
      text('business_unit', 'Business unit'),
      text('email', 'Email'),
    ],
  },
  {
    name: 'deal',
    label: 'Deals',
    fields: [
      account,
      text('name', 'Deal name'),
      required(money('amount', 'Amount')),
      required(oneOf('stage', 'Stage', DEAL_STAGES)),
      required(oneOf('type', 'Type', DEAL_TYPES)),
      ref('product_family_id', 'Product family', 'product_family'),
      required(date('created_on', 'Created')),
      date('close_date', 'Close date'),
    ],
  },
  {
    name: 'contract',
    label: 'Contracts',
    fields: [
      account,
      ref('product_family_id', 'Product family', 'product_family'),
      required(date('start_date', 'Start date')),
      required(date('end_date', 'End date')),
      required(money('annual_value', 'Annual value')),
      required(oneOf('kind', 'Kind', CONTRACT_KINDS)),
      required(oneOf('status', 'Status', CONTRACT_STATUSES)),
      date('renewal_date', 'Renewal date'),
    ],
  },
  {
    name: 'invoice',
    label: 'Invoices',
    fields: [
      account,
      required(date('issued_on', 'Issued')),
      required(date('due_on', 'Due')),
      date('paid_on', 'Paid'),
      required(money('amount', 'Amount')),
      ref('product_family_id', 'Product family', 'product_family'),
      text('business_unit', 'Business unit'),
      text('region', 'Region'),
    ],
  },
  {
    name: 'ticket',
    label: 'Tickets',
    fields: [
      account,
      required(date('opened_on', 'Opened')),
      date('closed_on', 'Closed'),
      required(oneOf('severity', 'Severity', TICKET_SEVERITIES)),
    ],
  },
  {
    name: 'activity',
    label: 'Activities',
    fields: [
      account,
      required(date('occurred_on', 'Date')),
      required(oneOf('kind', 'Kind', ACTIVITY_KINDS)),
      oneOf('attendee_seniority', "Most senior attendee's seniority", SENIORITIES),
      ref('contact_id', 'Contact', 'contact'),
    ],
  },
  {
    name: 'assessment_answer',
    label: 'Assessment answers',
    fields: [
      account,
      required(text('question_id', 'Question')),
      { name: 'answer', label: 'Answer', type: { kind: 'number' }, required: true },
      text('answered_by', 'Answered by'),
      required(date('answered_on', 'Date')),
    ],
  },
  {
    name: 'competitor_sighting',
    label: 'Competitor sightings',
    fields: [
      account,
      required(text('competitor', 'Competitor')),
      text('product_area', 'Product area'),
      text('pitch', 'What they pitch'),
      required(date('seen_on', 'Date')),
      text('reported_by', 'Reported by'),
    ],
  },
  {
    name: 'feature_request',
    label: 'Feature requests',
    fields: [
      account,
      text('product_area', 'Product area'),
      required(text('request', 'Request')),
      required(date('requested_on', 'Date')),
      money('revenue_at_stake', 'Revenue at stake'),
    ],
  },
  {
    name: 'signal',
    label: 'Signals',
    fields: [
      account,
      required(oneOf('kind', 'Kind', SIGNAL_KINDS)),
      required(text('text', 'Text')),
      text('reported_by', 'Reported by'),
      required(date('reported_on', 'Date')),
    ],
  },
];

export const ENTITY_NAMES: readonly EntityName[] = ENTITIES.map((e) => e.name);

/** Returns the spec of an entity; throws for a name that is not an entity. */
export function entitySpec(name: EntityName): EntitySpec {
  const spec = ENTITIES.find((e) => e.name === name);
  if (!spec) throw new Error(`entitySpec: unknown entity ${name}`);
  return spec;
}

export function isEntityName(name: string): name is EntityName {
  return ENTITIES.some((e) => e.name === name);
}

/** A record in the native format: field name → value, with `id` as its external id. */
export type NativeRow = Record<string, string | number | boolean | null>;
