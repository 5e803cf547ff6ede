/** A progress bar that draws on stderr only when stderr is a terminal (so pipes and --json stay clean). */
export type ProgressBar = { update: (done: number, newTotal?: number) => void; finish: () => void };

export type CreateProgressBarParams = {
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  label: string;
  /** Total steps; may be given later through `update(done, total)` when only the run knows it. */
  total?: number;
  widthChars?: number;
};

/** Create a progress bar; a no-op unless `stream.isTTY`. */
export function createProgressBar({ stream = process.stderr, label, total = 0, widthChars = 30 }: CreateProgressBarParams): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, finish: () => {} };
  let lastDrawn = -1;
  let started = false;
  const draw = (done: number) => {
    if (total <= 0) return;
    started = true;
    const fraction = Math.min(1, Math.max(0, done / total));
    const filled = Math.round(fraction * widthChars);
    // Redraw only when the bar visibly changes: a month replay has thousands of gates.
    if (filled === lastDrawn && done < total) return;
    lastDrawn = filled;
    const bar = '█'.repeat(filled) + '░'.repeat(widthChars - filled);
    stream.write(`\r${label} ${bar} ${done}/${total}`);
  };
  return {
    update: (done, newTotal) => {
      if (newTotal !== undefined) total = newTotal;
      draw(done);
    },
    finish: () => {
      if (!started) return;
      draw(total);
      stream.write('\n');
    }
  };
}
