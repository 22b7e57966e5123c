import type { PlannedColumn, RowErrorCode } from '../core/import-plan.ts';

/** What a person reads for a rejected row; `lines` turns record indices into line numbers. */
export function describeRowError(options: {
  code: RowErrorCode;
  column: PlannedColumn | undefined;
  value: string | null;
  duplicateLines: number[];
  candidates: string[];
  /** For invalid_range: the header of the date this one must not precede. */
  earlier?: string;
}): string {
  const { code, column, value, duplicateLines, candidates } = options;
  const name = column ? column.header : 'the account reference';
  const shown =
    value === null ? '' : ` "${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  const nearest = candidates.length > 0 ? `; nearest: ${candidates.join(', ')}` : '';
  switch (code) {
    case 'malformed_row':
      return 'the row does not have the same number of columns as the header (check quotes and delimiters)';
    case 'required':
      return `${name} is required but empty`;
    case 'invalid_number':
      return `${name}${shown} is not a number`;
    case 'invalid_date':
      return `${name}${shown} is not a date (use YYYY-MM-DD)`;
    case 'invalid_value': {
      const allowed =
        column?.field?.type.kind === 'enum' ? column.field.type.values.join(', ') : 'true, false';
      return `${name}${shown} is not one of: ${allowed}`;
    }
    case 'out_of_range':
      return `${name}${shown} is out of range`;
    case 'invalid_range':
      return `${name}${shown} is before ${options.earlier ?? 'the date it must follow'}`;
    case 'duplicate_id':
      return duplicateLines.length > 0
        ? `id${shown} appears more than once in the file (also on line ${duplicateLines.join(', ')})`
        : `id${shown} appears more than once in the file`;
    case 'unknown_account':
      return `no account matches${shown}${nearest}`;
    case 'ambiguous_account':
      return `several accounts match${shown}${nearest}`;
    case 'unknown_reference':
      return `${name}${shown} does not match any stored record`;
  }
}
