import { fileURLToPath } from 'node:url';
import { BaseError, ValidationError } from '../src/lib/core/errors';
import { EXIT, UsageError } from './cli-errors';
import { processIo, writeLine, type CliIo } from './cli-io';
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

/** Run the CLI with arguments (without `node` and the script); returns the exit code. */
export async function main({ argv, io = processIo }: MainParams): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? COMMANDS.find((c) => c.name === args[0]) : undefined;
    writeLine(io.stdout, target ? (await target.load()).help : TOP_HELP);
    return EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    writeLine(io.stderr, `greenslot: unknown command "${name}"\n\n${TOP_HELP}`);
    return EXIT.usage;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    writeLine(io.stdout, command.help);
    return EXIT.ok;
  }
  try {
    return await command.run({ args, io });
  } catch (error) {
    if (error instanceof UsageError) {
      writeLine(io.stderr, `${error.shortMessage}\nRun "greenslot ${command.name} --help" for usage.`);
      return EXIT.usage;
    }
    if (error instanceof ValidationError) {
      writeLine(io.stderr, `greenslot ${command.name}: invalid input`);
      for (const issue of error.issues.slice(0, 50)) writeLine(io.stderr, `  ${issue.file} ${issue.where}: ${issue.message}`);
      if (error.issues.length > 50) writeLine(io.stderr, `  … and ${error.issues.length - 50} more`);
      return EXIT.badInput;
    }
    if (error instanceof BaseError) {
      writeLine(io.stderr, `greenslot ${command.name}: ${error.message}`);
      return EXIT.badInput;
    }
    // A real bug: keep the stack so it can be reported.
    writeLine(io.stderr, `greenslot ${command.name}: internal error\n${(error as Error).stack ?? String(error)}`);
    return EXIT.badInput;
  }
}

// `npm run greenslot -- …` runs this file directly with tsx; the bin goes through cli/bin.mjs.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main({ argv: process.argv.slice(2) });
}
