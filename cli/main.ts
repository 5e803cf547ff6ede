import { fileURLToPath } from 'node:url';
import { BaseError, ValidationError } from '../src/lib/core/errors';
import { EXIT, UsageError } from './cli-errors';
import { guardProcessStreams, processIo, writeLine, type CliIo } from './cli-io';
import type { Command } from './command';

/** A subcommand as listed at the top level; its module loads only when it runs (fast start, and `bench` needs no engine). */
type CommandEntry = { name: string; summary: string; load: () => Promise<Command> };

/** Every subcommand, in help order. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'simulate', summary: 'simulate a day of requests (workplace, public, residential) and print metrics', load: async () => (await import('./commands/simulate')).simulateCommand },
  { name: 'replay', summary: 'replay a session log (ACN-Data, OCPI, CSV) on a site and print metrics', load: async () => (await import('./commands/replay')).replayCommand },
  { name: 'bench', summary: 'build and solve one generated gate (N EVs × N slots) with HiGHS or GLPK, timed', load: async () => (await import('./commands/bench')).benchCommand }
];

const TOP_HELP = `greenslot — smart EV charging (GreenSlot core) from the command line

Usage: greenslot <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}

Run "greenslot <command> --help" for a command's options.
Exit codes: 0 ok, 1 bad input (file errors name the file and JSON path / CSV line), 2 usage error.`;

export type MainParams = { argv: readonly string[]; io?: CliIo };

/** Run the CLI with arguments (without `node` and the script); returns the exit code: 0, 1 or 2, never a throw. */
export async function main({ argv, io = processIo }: MainParams): Promise<number> {
  if (io === processIo) guardProcessStreams();
  const [name, ...args] = argv;
  let label = 'greenslot';
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const target = name === 'help' ? COMMANDS.find((c) => c.name === args[0]) : undefined;
      writeLine(io.stdout, target ? (await target.load()).help : TOP_HELP);
      return EXIT.ok;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry) {
      writeLine(io.stderr, `greenslot: unknown command "${name.slice(0, 80)}"\n\n${TOP_HELP}`);
      return EXIT.usage;
    }
    const command = await entry.load();
    label = `greenslot ${command.name}`;
    if (args.includes('--help') || args.includes('-h')) {
      writeLine(io.stdout, command.help);
      return EXIT.ok;
    }
    return await command.run({ args, io });
  } catch (error) {
    return reportError({ error, label, io });
  }
}

/** Map a thrown error to its message and exit code. Stacks are for developers: only with GREENSLOT_DEBUG=1. */
function reportError({ error, label, io }: { error: unknown; label: string; io: CliIo }): number {
  if (error instanceof UsageError) {
    writeLine(io.stderr, `${error.shortMessage}\nRun "${label} --help" for usage.`);
    return EXIT.usage;
  }
  if (error instanceof ValidationError) {
    writeLine(io.stderr, `${label}: invalid input`);
    for (const issue of error.issues.slice(0, 50)) writeLine(io.stderr, `  ${issue.file} ${issue.where}: ${issue.message}`);
    if (error.issues.length > 50) writeLine(io.stderr, `  … and ${error.issues.length - 50} more`);
    return EXIT.badInput;
  }
  if (error instanceof BaseError) {
    writeLine(io.stderr, `${label}: ${error.message}`);
    return EXIT.badInput;
  }
  // Not a named error: a bug or a resource limit. Say what happened in one line; the stack only on request.
  const e = error instanceof Error ? error : new Error(String(error));
  const hint = e instanceof RangeError ? ' (the input is probably too large or out of range)' : '';
  writeLine(io.stderr, `${label}: internal error: ${e.name}: ${e.message.split('\n')[0].slice(0, 300)}${hint}`);
  if (process.env.GREENSLOT_DEBUG === '1') writeLine(io.stderr, e.stack ?? '');
  else writeLine(io.stderr, 'Please report it with the command line; GREENSLOT_DEBUG=1 prints the stack.');
  return EXIT.badInput;
}

// `npm run greenslot -- …` runs this file directly with tsx; the bin goes through cli/bin.mjs.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main({ argv: process.argv.slice(2) });
}
