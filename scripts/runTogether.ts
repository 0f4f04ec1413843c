/**
 * Runs npm scripts side by side and prints each one's output whole when it ends, so that the static
 * checks (type check, lint, format) take the time of the longest instead of their sum. Exits with the
 * first failure's code after all have ended. `node scripts/runTogether.ts typecheck lint format:check`
 */
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node scripts/runTogether.ts <npm script> [<npm script> …]');
  process.exit(2);
}

const results = await Promise.all(
  scripts.map(
    (script) =>
      new Promise<{ script: string; code: number; output: string; seconds: number }>((resolve) => {
        const started = performance.now();
        const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (code) => {
          const seconds = (performance.now() - started) / 1000;
          process.stdout.write(
            `> ${script}: ${code === 0 ? 'ok' : `failed (${code})`} in ${seconds.toFixed(1)} s\n${output}`,
          );
          resolve({ script, code: code ?? 1, output, seconds });
        });
      }),
  ),
);
const failed = results.find((result) => result.code !== 0);
process.exit(failed ? failed.code : 0);
