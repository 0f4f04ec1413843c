/**
 * The child process of bench/apps/weigh.ts: builds every app in memory (bench/apps/bundles.ts), and
 * with `--baselines` the baselines too, and prints their sizes as one JSON object (`AppWeights`).
 */
import { gadgetApp, runtimeAlone, widgetApp, widgetLoader } from './bundles.ts';
import type { AppWeights } from './weigh.ts';

/** One build at a time: two cores (the stack starts beside them, bench/widget.ts). */
async function weighAll(baselines: boolean): Promise<AppWeights> {
  const weights: AppWeights = {
    loader: await widgetLoader(),
    widget: await widgetApp('preact'),
    gadget: await gadgetApp(),
  };
  if (!baselines) return weights;
  return {
    ...weights,
    baselines: {
      widgetOnReact: await widgetApp('react'),
      preactAlone: await runtimeAlone('preact'),
      reactAlone: await runtimeAlone('react'),
    },
  };
}

const weights = await weighAll(process.argv.includes('--baselines'));
// Exit as soon as the JSON is out instead of waiting for rolldown's threads.
process.stdout.write(JSON.stringify(weights), () => process.exit(0));
