#!/usr/bin/env node
/**
 * The `hybrid-chat` bin: the composition root of the admin tool. Compiled to dist/cli/main.js by
 * `npm run build` (Node does not strip types under node_modules, where the package is installed).
 */
import { nodeIo } from './cliIo.ts';
import { runCli } from './runCli.ts';

process.exitCode = await runCli(process.argv.slice(2), nodeIo());
