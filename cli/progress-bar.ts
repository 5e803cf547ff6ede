/** A progress bar that draws on stderr only when stderr is a terminal (so pipes and --json stay clean). */
export type ProgressBar = { update: (done: number) => void; finish: () => void };

export type CreateProgressBarParams = {
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  label: string;
  total: number;
  widthChars?: number;
};

/** Create a progress bar; a no-op unless `stream.isTTY`. */
export function createProgressBar({ stream = process.stderr, label, total, widthChars = 30 }: CreateProgressBarParams): ProgressBar {
  if (!stream.isTTY || total <= 0) return { update: () => {}, finish: () => {} };
  let lastDrawn = -1;
  const draw = (done: number) => {
    const fraction = Math.min(1, Math.max(0, done / total));
    const filled = Math.round(fraction * widthChars);
    // Redraw only when the bar visibly changes: a month replay has thousands of gates.
    if (filled === lastDrawn && done < total) return;
    lastDrawn = filled;
    const bar = '█'.repeat(filled) + '░'.repeat(widthChars - filled);
    stream.write(`\r${label} ${bar} ${done}/${total}`);
  };
  return {
    update: draw,
    finish: () => {
      draw(total);
      stream.write('\n');
    }
  };
}
