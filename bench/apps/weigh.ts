/**
 * Weighs every app once per bench run, in a child process (bench/apps/weighChild.ts prints the JSON):
 * a Vite build sets `process.env.NODE_ENV` for the whole process and leaves rolldown's threads holding
 * it for a few seconds after the last build, neither of which the bench process should inherit.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BundleSize } from './sizes.ts';

export interface AppWeights {
  loader: BundleSize;
  widget: BundleSize;
  gadget: BundleSize;
  /** The baselines; left out of a quick run, which only checks the budgets. */
  baselines?: {
    /** The widget built on React 19 instead of preact/compat. */
    widgetOnReact: BundleSize;
    preactAlone: BundleSize;
    reactAlone: BundleSize;
  };
}

const CHILD = fileURLToPath(new URL('./weighChild.ts', import.meta.url));
let weighing: Promise<AppWeights> | null = null;

/** The weights, built by the first caller and shared with the others (a few seconds of builds). */
export function weighApps({ baselines }: { baselines: boolean }): Promise<AppWeights> {
  weighing ??= new Promise((resolve, reject) => {
    const args = ['--disable-warning=ExperimentalWarning', CHILD, ...(baselines ? ['--baselines'] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-5000)));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`[bench] weighing the apps failed (exit ${code}):\n${err}`));
      try {
        resolve(JSON.parse(out) as AppWeights);
      } catch {
        reject(new Error(`[bench] weighing the apps printed no JSON:\n${out.slice(0, 500)}\n${err}`));
      }
    });
  });
  return weighing;
}
