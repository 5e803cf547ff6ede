/** Where a command writes: stdout for results, stderr for progress and reported issues. */
export type CliIo = {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
};

/** The process's own streams. */
export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

let guarded = false;

/**
 * A reader that stops early (`greenslot … | head`) closes the pipe: writing then fails with EPIPE,
 * which Node reports as an unhandled 'error' event with a stack. Nothing is left to say to a
 * closed pipe, so the process ends quietly with the exit code it has.
 */
export function guardProcessStreams(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      lastResort(error);
    });
  }
  // Errors outside the awaited command (a stray timer or promise): one line and exit 1, not a stack.
  process.on('uncaughtException', lastResort);
  process.on('unhandledRejection', lastResort);
}

function lastResort(error: unknown): void {
  const e = error instanceof Error ? error : new Error(String(error));
  try {
    process.stderr.write(`greenslot: internal error: ${e.name}: ${e.message.split('\n')[0].slice(0, 300)}\n`);
    if (process.env.GREENSLOT_DEBUG === '1') process.stderr.write(`${e.stack ?? ''}\n`);
  } finally {
    process.exit(1);
  }
}

/** Write one line to a stream. */
export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
