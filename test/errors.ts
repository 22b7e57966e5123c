import { HotspotError } from '../src/core/errors.ts';

/** The HotspotError `work` fails with; any other error is rethrown, a success is a failure. */
export async function failureOf(work: Promise<unknown>, what = 'the call'): Promise<HotspotError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof HotspotError) return error;
    throw error;
  }
  throw new Error(`expected ${what} to fail with a HotspotError`);
}

/** The code of the HotspotError `work` fails with, or 'none' when it succeeds. */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof HotspotError) return error.code;
    throw error;
  }
  return 'none';
}
