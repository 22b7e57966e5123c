import { entitySpec, type EntityName } from '../core/entities.ts';
import type { DateOrder, ImportPlan, PlannedColumn } from '../core/import-plan.ts';
import type { ColumnMapping } from './map-columns.ts';
import { normalizeToken, PRESET_SPECS, type Preset } from './presets.ts';

const DATE_ORDERS: Partial<Record<EntityName, DateOrder[]>> = {
  deal: [{ earlier: 'created_on', later: 'close_date' }],
  contract: [{ earlier: 'start_date', later: 'end_date' }],
  invoice: [
    { earlier: 'issued_on', later: 'due_on' },
    { earlier: 'issued_on', later: 'paid_on' },
  ],
  ticket: [{ earlier: 'opened_on', later: 'closed_on' }],
};

/** Turns a column mapping into the plan the store executes. */
export function planImport(options: {
  entity: EntityName;
  source: string;
  preset: Preset;
  mapping: ColumnMapping;
}): ImportPlan {
  const { entity, preset, mapping } = options;
  const spec = entitySpec(entity);
  const presetSpec = PRESET_SPECS[preset];
  const columns = mapping.columns.map((column): PlannedColumn => {
    const field = spec.fields.find((f) => f.name === column.target);
    const planned: PlannedColumn = { ...column, ...(field ? { field } : {}) };
    if (field?.type.kind === 'enum') {
      const values: Record<string, string> = {};
      for (const value of field.type.values) values[normalizeToken(value)] = value;
      const synonyms = presetSpec.values[field.name] ?? {};
      for (const [spelling, value] of Object.entries(synonyms)) {
        if (field.type.values.includes(value)) values[spelling] = value;
      }
      planned.enumValues = values;
    }
    return planned;
  });
  const present = new Set(columns.map((c) => c.target));
  return {
    entity,
    source: options.source,
    preset,
    columns,
    dateFormats: presetSpec.dateFormats,
    salesforceIds: presetSpec.salesforceIds,
    footer: presetSpec.footer,
    dateOrders: (DATE_ORDERS[entity] ?? []).filter(
      (o) => present.has(o.earlier) && present.has(o.later),
    ),
  };
}
