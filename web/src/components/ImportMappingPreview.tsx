import type { ImportPreview } from '../../../src/contract/imports.ts';
const RESET = '\u0000reset';

type Column = ImportPreview['columns'][number];
type Field = ImportPreview['fields'][number];

function fieldText(fields: readonly Field[], name: string): string {
  const field = fields.find((f) => f.name === name);
  return field ? `${field.label}${field.required ? ' *' : ''}` : name;
}

function howText(column: Column): string {
  switch (column.how) {
    case 'preset':
      return 'matched by the preset';
    case 'map':
      return 'chosen by you';
    case 'ignored':
      return 'no matching field';
  }
}

/** One column's field, chosen from the entity's fields; a column set by hand can go back to the preset's choice. */
function ColumnTarget({
  column,
  fields,
  onChange,
}: {
  column: Column;
  fields: readonly Field[];
  onChange: (field: string | null) => void;
}) {
  const known = column.target === null || fields.some((f) => f.name === column.target);
  return (
    <select
      aria-label={`Field for column ${column.header}`}
      value={column.target ?? ''}
      onChange={(event) => onChange(event.target.value === RESET ? null : event.target.value)}
    >
      {column.how === 'ignored' ? <option value="">Not imported</option> : null}
      {column.how === 'map' ? <option value={RESET}>↺ Back to the preset’s choice</option> : null}
      {known ? null : <option value={column.target ?? ''}>{column.target}</option>}
      {fields.map((field) => (
        <option key={field.name} value={field.name}>
          {field.label}
          {field.required ? ' *' : ''} ({field.name})
        </option>
      ))}
    </select>
  );
}

/**
 * What the import would do with the file: each column's field (changeable), the reason it cannot
 * be imported yet, and the first rows as the importer reads them.
 */
export function ImportMappingPreview({
  preview,
  onMap,
}: {
  preview: ImportPreview;
  onMap: (header: string, field: string | null) => void;
}) {
  const mapped = preview.columns.filter((c) => c.target !== null).length;
  return (
    <div className="stack" data-testid="import-preview">
      <p className="muted small import-options-note">
        {preview.format.toUpperCase()} file · {mapped} of {preview.columns.length} columns imported
      </p>

      {preview.problem ? (
        <div className="notice error" role="alert">
          <strong>This file cannot be imported yet. </strong>
          {preview.problem}
          <div className="small">Choose the right field for a column below, or another preset.</div>
        </div>
      ) : null}

      <div>
        <h3 className="import-subtitle">Column mapping</h3>
        <div className="table-wrap">
          <table className="table import-mapping">
            <thead>
              <tr>
                <th scope="col">Column in the file</th>
                <th scope="col">First value</th>
                <th scope="col">Imported as</th>
                <th scope="col">How</th>
              </tr>
            </thead>
            <tbody>
              {preview.columns.map((column, index) => (
                <tr key={column.header} className={column.target === null ? 'ignored' : undefined}>
                  <th scope="row">{column.header}</th>
                  <td className="import-cell">{preview.rows[0]?.[index] ?? ''}</td>
                  <td>
                    <ColumnTarget
                      column={column}
                      fields={preview.fields}
                      onChange={(field) => onMap(column.header, field)}
                    />
                  </td>
                  <td className="muted small">{howText(column)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted small">* required field</p>
      </div>

      <div>
        <h3 className="import-subtitle">
          First {preview.rows.length} {preview.rows.length === 1 ? 'row' : 'rows'}
        </h3>
        {preview.rows.length === 0 ? (
          <p className="muted">The file has a header but no rows.</p>
        ) : (
          <div className="table-wrap import-sample">
            <table className="table">
              <thead>
                <tr>
                  {preview.columns.map((column) => (
                    <th
                      key={column.header}
                      scope="col"
                      className={column.target === null ? 'ignored' : undefined}
                    >
                      <div>{column.header}</div>
                      <div className="import-target">
                        {column.target === null
                          ? 'not imported'
                          : `→ ${fieldText(preview.fields, column.target)}`}
                      </div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, rowIndex) => (
                  // the preview's rows have no ids; their order is fixed
                  <tr key={rowIndex}>
                    {preview.columns.map((column, index) => (
                      <td
                        key={column.header}
                        className={`import-cell${column.target === null ? ' ignored' : ''}`}
                      >
                        {row[index] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
