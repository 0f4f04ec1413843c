/** The directory of agents for the Desktop Chat's contact search (directoryRoutes.ts). */
import type { Core, Feature } from '../../core/feature.ts';
import { registerDirectoryRoutes } from './directoryRoutes.ts';

export function directoryFeature(core: Core): Feature {
  return {
    name: 'directory',
    routes(app) {
      registerDirectoryRoutes(app, { tokens: core.tokens, agents: core.storage.agents });
    },
  };
}
