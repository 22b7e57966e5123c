import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { salesforceId18 } from '../core/salesforce-id.ts';
import { entitySpec, type EntityName, type FieldSpec, type NativeRow } from '../core/entities.ts';
import { PRESET_SPECS, type Preset } from './presets.ts';

/** Salesforce key prefixes of the objects Hotspot's entities are exported as. */
const SF_PREFIX: Record<EntityName, string> = {
  rep: '005',
  product_family: 'a01',
  account: '001',
  contact: '003',
  deal: '006',
  contract: '800',
  invoice: 'a02',
  ticket: '500',
  activity: '00T',
  assessment_answer: 'a03',
  competitor_sighting: 'a04',
  feature_request: 'a05',
  signal: 'a06',
};

/** Enum values as each CRM writes them; anything not listed is written in Title Case. */
const EXPORT_VALUES: Record<Exclude<Preset, 'native'>, Record<string, Record<string, string>>> = {
  salesforce: {
    'deal.stage': { won: 'Closed Won', lost: 'Closed Lost', open: 'Prospecting' },
    'deal.type': {
      new: 'New Business',
      expansion: 'Existing Customer - Upgrade',
      renewal: 'Existing Customer - Renewal',
      pilot: 'Pilot',
    },
    'contract.status': { active: 'Activated' },
    'activity.kind': { qbr: 'QBR' },
  },
  hubspot: {
    'deal.stage': { won: 'closedwon', lost: 'closedlost', open: 'qualifiedtobuy' },
    'deal.type': { new: 'newbusiness', expansion: 'existingbusiness' },
    'ticket.severity': { low: 'LOW', medium: 'MEDIUM', high: 'HIGH', critical: 'URGENT' },
    'activity.kind': {
      meeting: 'MEETING',
      call: 'CALL',
      email: 'EMAIL',
      qbr: 'QBR',
      event: 'EVENT',
      visit: 'VISIT',
    },
  },
};

/** Date fields the CRMs export as date-times. */
const DATETIME_FIELDS = new Set([
  'account.created_on',
  'deal.created_on',
  'ticket.opened_on',
  'ticket.closed_on',
]);

type ExportColumn = { header: string; value: (row: NativeRow) => string };

/** A record id as the CRM would show it: Salesforce 18-character ids, HubSpot numeric ids. */
export function crmId(options: { entity: EntityName; id: string; preset: Preset }): string {
  const { entity, id, preset } = options;
  if (preset === 'native') return id;
  const digits = id.replace(/\D/g, '');
  const n = digits === '' ? hashNumber(id) : Number(digits);
  if (preset === 'hubspot') {
    const offset = Object.keys(SF_PREFIX).indexOf(entity) + 1;
    return String(offset * 10_000_000_000 + n);
  }
  return salesforceId18(`${SF_PREFIX[entity]}${'0'.repeat(12 - toBase62(n).length)}${toBase62(n)}`);
}

function toBase62(n: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let out = '';
  let rest = Math.floor(n);
  do {
    out = alphabet[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out;
}

function hashNumber(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

function titleCase(value: string): string {
  if (value === 'c_level') return 'C-Level';
  return value
    .split('_')
    .map((part) =>
      part.length <= 2 ? part.toUpperCase() : `${part[0]?.toUpperCase() ?? ''}${part.slice(1)}`,
    )
    .join(' ');
}

/** The columns a CRM export of this entity has, and how each native value is written. */
export function exportColumns(entity: EntityName, preset: Preset): ExportColumn[] {
  const spec = entitySpec(entity);
  const aliases = PRESET_SPECS[preset].aliases[entity] ?? {};
  const headerOf = (target: string, field?: FieldSpec): string => {
    if (preset === 'native') return target;
    const known = aliases[target]?.[0];
    if (known) return known;
    if (preset === 'salesforce') {
      const api = target
        .replace(/_id$/, '')
        .split('_')
        .map((w) => w[0]?.toUpperCase() + w.slice(1))
        .join('_');
      return `${api}__c`;
    }
    return field?.label ?? target;
  };
  const columns: ExportColumn[] = [
    { header: headerOf('id'), value: (row) => crmId({ entity, id: String(row.id), preset }) },
  ];
  for (const field of spec.fields) {
    const key = `${entity}.${field.name}`;
    columns.push({
      header: headerOf(field.name, field),
      value: (row) => {
        const value = row[field.name];
        if (value === null || value === undefined) return '';
        if (preset === 'native') return String(value);
        switch (field.type.kind) {
          case 'ref':
            return crmId({ entity: field.type.to, id: String(value), preset });
          case 'enum':
            return EXPORT_VALUES[preset][key]?.[String(value)] ?? titleCase(String(value));
          case 'date':
            if (!DATETIME_FIELDS.has(key)) return String(value);
            return preset === 'salesforce'
              ? `${String(value)}T00:00:00.000Z`
              : `${String(value)} 00:00`;
          case 'text':
          case 'integer':
          case 'number':
          case 'money':
          case 'boolean':
            return String(value);
        }
      },
    });
  }
  return columns;
}

/** Writes rows of one entity as a CSV file shaped like the CRM's export. */
export async function writeCrmCsv(options: {
  path: string;
  entity: EntityName;
  preset: Preset;
  rows: Iterable<NativeRow>;
}): Promise<number> {
  const columns = exportColumns(options.entity, options.preset);
  const out = createWriteStream(options.path);
  const csv = stringify({ quoted_match: /[",\n\r;]/ });
  csv.pipe(out);
  csv.write(columns.map((c) => c.header));
  let count = 0;
  for (const row of options.rows) {
    if (!csv.write(columns.map((c) => c.value(row)))) await once(csv, 'drain');
    count++;
  }
  csv.end();
  await once(out, 'finish');
  return count;
}
