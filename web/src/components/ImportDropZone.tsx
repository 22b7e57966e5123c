import { useId, useState, type DragEvent } from 'react';

const ACCEPT = '.csv,.tsv,.txt,.parquet,.json,.jsonl';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Where a file is dropped, or chosen with the file input inside it: the input is only visually
 * hidden, so Tab reaches it and Enter opens the file dialog; its label looks like a button.
 */
export function ImportDropZone({
  file,
  onFile,
  disabled = false,
}: {
  file: File | null;
  onFile: (file: File) => void;
  disabled?: boolean;
}) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  };

  return (
    <div
      className={`import-drop${dragging ? ' dragging' : ''}${file ? ' has-file' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        // leaving for one of the zone's own children is not leaving the zone
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="import-drop-text">
        {file ? (
          <>
            <strong className="import-file-name">{file.name}</strong>
            <span className="muted small">{formatBytes(file.size)}</span>
          </>
        ) : (
          <>
            <strong>Drop a file here</strong>
            <span className="muted small">CSV, Parquet or JSON, as exported from your CRM</span>
          </>
        )}
      </div>
      <input
        id={inputId}
        className="import-file-input"
        type="file"
        accept={ACCEPT}
        disabled={disabled}
        data-testid="import-file"
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          if (chosen) onFile(chosen);
          // choosing the same file again (after editing it) must still count as a change
          event.target.value = '';
        }}
      />
      <label className="button" htmlFor={inputId}>
        {file ? 'Choose another file' : 'Choose a file'}
      </label>
    </div>
  );
}
