import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.ts';

const NAME_KEY = 'hotspot.userName';

function readName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    // storage can be blocked (private mode, policies); the field then starts empty
    return '';
  }
}

/** The user's name for "by" fields, remembered in localStorage once a save succeeds. */
export function useRememberedName(): {
  name: string;
  setName: (name: string) => void;
  remember: (name: string) => void;
} {
  const [name, setName] = useState(readName);
  const remember = useCallback((value: string) => {
    try {
      localStorage.setItem(NAME_KEY, value.trim());
    } catch {
      // not remembering is harmless: the user types the name again next time
    }
  }, []);
  return { name, setName, remember };
}

/** A validation error's problems keyed by field path (`reason`, `answers.0.answer`); empty otherwise. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors : {};
}

/** The problems without the one for `key` (the user is fixing that field). */
export function withoutProblem(
  problems: Record<string, string>,
  key: string,
): Record<string, string> {
  if (!(key in problems)) return problems;
  const rest = { ...problems };
  delete rest[key];
  return rest;
}
