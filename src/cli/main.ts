#!/usr/bin/env node
/** The `dazport` bin: the program (src/cli/program.ts, where commands are wired) on this process's argv. */
import { buildProgram } from './program.js';
import { parseWithUsageErrors } from './usage-errors.js';

await parseWithUsageErrors(buildProgram(), process.argv);
