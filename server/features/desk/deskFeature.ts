/**
 * The agent desk: canned messages for `/shortcode` completion, and the customer panel with
 * the customer's earlier chats.
 */
import type { CannedMessage } from '../../../sdk/core/protocol.ts';
import type { Core, Feature } from '../../core/feature.ts';
import { registerCannedRoutes } from './cannedRoutes.ts';
import { registerCustomerRoutes } from './customerRoutes.ts';

export function deskFeature(core: Core, cannedMessages: CannedMessage[]): Feature {
  return {
    name: 'desk',
    routes(app) {
      registerCannedRoutes(app, { tokens: core.tokens, messages: cannedMessages });
      registerCustomerRoutes(app, {
        storage: core.storage,
        tokens: core.tokens,
        teams: core.teams,
        queueLabel: (queue) => core.routing.queue(queue).label,
      });
    },
  };
}
