import type { CliIo } from './cli-io';

/** One `greenslot` subcommand. `run` returns the exit code; errors it throws are mapped in main. */
export type Command = {
  name: string;
  /** One line for `greenslot --help`. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  run: (params: { args: readonly string[]; io: CliIo }) => Promise<number>;
};
