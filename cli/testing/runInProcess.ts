/** Runs the admin tool in-process with captured output (tests only). */
import { readFile, writeFile } from 'node:fs/promises';
import type { CliIo } from '../cliIo.ts';
import { runCli } from '../runCli.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(argv: readonly string[], stdin = ''): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => stdin,
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    fetch: globalThis.fetch,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
