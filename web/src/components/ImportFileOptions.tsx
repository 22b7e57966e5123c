import { PRESET_LABELS, PRESETS, type Preset } from './import-labels.ts';

/** The file encodings the importer reads; automatic reads a BOM and falls back to UTF-8. */
const ENCODINGS = [
  { value: '', label: 'Automatic' },
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'latin1', label: 'Windows / Latin-1' },
  { value: 'utf-16le', label: 'UTF-16 LE' },
  { value: 'utf-16be', label: 'UTF-16 BE' },
] as const;
export type Encoding = (typeof ENCODINGS)[number]['value'];

/**
 * How the file is read: its shape (the preset: detected from the headers until one is chosen)
 * and its encoding. Shown even when the file could not be read, since these are the fixes.
 */
export function ImportFileOptions({
  preset,
  detected,
  encoding,
  onPreset,
  onEncoding,
}: {
  /** The preset in use: chosen, or detected by the last preview; null before the first one. */
  preset: Preset | null;
  detected: Preset | null;
  encoding: Encoding;
  onPreset: (preset: Preset) => void;
  onEncoding: (encoding: Encoding) => void;
}) {
  return (
    <div className="import-options">
      <label className="field">
        <span>File shape (preset)</span>
        <select value={preset ?? ''} onChange={(event) => onPreset(event.target.value as Preset)}>
          {preset === null ? <option value="">Detect from the headers</option> : null}
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESET_LABELS[p]}
              {p === detected ? ' — detected' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Encoding</span>
        <select value={encoding} onChange={(event) => onEncoding(event.target.value as Encoding)}>
          {ENCODINGS.map((e) => (
            <option key={e.value} value={e.value}>
              {e.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
