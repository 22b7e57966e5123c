import { useEffect, useRef } from 'react';
import type { AccountsTable } from './use-accounts-table.tsx';

/** Show or hide the table's columns; a disclosure so it works with the keyboard as it is. */
export function AccountsColumnPicker({ table }: { table: AccountsTable }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const columns = table.getAllLeafColumns();
  const hidden = columns.filter((c) => !c.getIsVisible()).length;

  // a menu closes when the focus or a click goes elsewhere, or on Escape
  useEffect(() => {
    const details = ref.current;
    if (!details) return undefined;
    const closeOutside = (event: Event) => {
      if (details.open && event.target instanceof Node && !details.contains(event.target)) {
        details.open = false;
      }
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && details.open) {
        details.open = false;
        details.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', closeOutside);
    document.addEventListener('focusin', closeOutside);
    details.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
      document.removeEventListener('focusin', closeOutside);
      details.removeEventListener('keydown', closeOnEscape);
    };
  }, []);

  return (
    <details className="column-picker" ref={ref}>
      <summary className="button">Columns{hidden > 0 ? ` (${hidden} hidden)` : ''}</summary>
      <fieldset className="column-picker-menu">
        <legend>Show columns</legend>
        {columns.map((column) => (
          <label key={column.id} className="check">
            <input
              type="checkbox"
              checked={column.getIsVisible()}
              disabled={!column.getCanHide()}
              onChange={(event) => column.toggleVisibility(event.target.checked)}
            />
            {column.columnDef.meta?.label ?? column.id}
          </label>
        ))}
        <button
          type="button"
          className="button small"
          disabled={hidden === 0}
          onClick={() => table.toggleAllColumnsVisible(true)}
        >
          Show all
        </button>
      </fieldset>
    </details>
  );
}
