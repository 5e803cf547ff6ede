#!/usr/bin/env node
// The `greenslot` bin. The CLI is TypeScript that imports the framework-free core straight from
// src/lib/core, so instead of shipping a second, prebuilt copy of core we register tsx (a
// devDependency that `npm ci` installs) as an ESM loader in this process and import cli/main.ts.
// One process, no child spawn: exit codes and signals behave like a plain Node program.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main({ argv: process.argv.slice(2) });
