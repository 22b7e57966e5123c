export type StepRow = { step: string; seconds: number; note: string };

/** Peak resident memory of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Times benchmark steps: `time` runs one and records its seconds (printing them with the peak
 * RSS on stderr as it goes), `note` annotates the last step; `rows` is the table so far.
 */
export function createStepTimer(): {
  rows: StepRow[];
  time: <T>(step: string, work: () => T | Promise<T>) => Promise<T>;
  note: (text: string) => void;
} {
  const rows: StepRow[] = [];
  return {
    rows,
    async time(step, work) {
      const start = process.hrtime.bigint();
      const value = await work();
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      rows.push({ step, seconds, note: '' });
      process.stderr.write(
        `  ${step}: ${seconds.toFixed(3)} s, peak RSS ${peakRssMiB().toFixed(0)} MiB\n`,
      );
      return value;
    },
    note(text) {
      const last = rows[rows.length - 1];
      if (last) last.note = text;
    },
  };
}
