import { useState } from 'react';

function parse(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * A number typed as text: every complete number is passed on as it is typed, and the text is
 * left alone while it means the value already shown ("1." stays "1." while 1 is in force).
 */
export function ModelNumberInput({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: number | null;
  onChange: (value: number) => void;
  placeholder?: string;
}) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const [shown, setShown] = useState(value);
  // the document changed elsewhere (the YAML, discard): show its value unless the text means it
  if (shown !== value) {
    setShown(value);
    if (parse(text) !== value) setText(value === null ? '' : String(value));
  }
  const invalid = text.trim() !== '' && parse(text) === null;
  return (
    <input
      className="model-number"
      type="text"
      inputMode="decimal"
      aria-label={label}
      aria-invalid={invalid || undefined}
      value={text}
      placeholder={placeholder}
      onChange={(event) => {
        setText(event.target.value);
        const parsed = parse(event.target.value);
        if (parsed !== null && parsed !== value) onChange(parsed);
      }}
    />
  );
}
