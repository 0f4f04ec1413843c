/**
 * The first step of each app benchmark: the apps are weighed (built) while the chat server, simulator
 * and Chromium start, since both are mostly waiting; the timing runs once both are done.
 */
import type { BenchOptions } from '../benchmark.ts';
import type { Deadline } from '../deadline.ts';
import { appsEnvironment } from './browser.ts';
import { distHas } from './sizes.ts';
import { weighApps, type AppWeights } from './weigh.ts';

export interface Prepared {
  weights: AppWeights;
  /** Whether `dist/<app>` (what the browser loads) is what the sources build to. */
  fresh: boolean;
}

export async function weighWhileStarting(
  app: 'gadget' | 'widget',
  options: BenchOptions,
  deadline: Deadline,
): Promise<Prepared> {
  const starting = appsEnvironment(deadline, app);
  starting.catch(() => undefined); // awaited below; not unhandled if the builds fail first
  const weights = await deadline.race(
    weighApps({ baselines: !options.quick }),
    `${app}: weighing the builds`,
  );
  await starting;
  return { weights, fresh: distHas(app, weights[app]) };
}
