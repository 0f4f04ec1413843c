/**
 * An agent's Finesse notifications over XMPP (pubsub), for `server` sync mode: the agent's own
 * credentials, their User and Dialogs nodes (docs/requirements.md, "Notifications").
 */
import { createFinesseNotifications } from '../../../sdk/transport/finesseNotifications.ts';
import type { NotificationSource } from './communicationServer.ts';

export function subscribeToFinesse(
  xmpp: { service: string; domain: string; pubsubDomain: string },
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void },
) {
  return (agent: { id: string; password: string }): NotificationSource => {
    const notifications = createFinesseNotifications({
      ...xmpp,
      username: agent.id,
      password: agent.password,
    });
    notifications.on('status', (status) => log.info({ agentId: agent.id, status }, 'Finesse XMPP'));
    notifications.on('error', (error) => log.warn({ err: error, agentId: agent.id }, 'Finesse XMPP'));
    return {
      on: (event, listener) => notifications.on(event, listener),
      start: () => {
        notifications
          .start()
          .catch((error: unknown) => log.warn({ err: error, agentId: agent.id }, 'Finesse XMPP'));
      },
      stop: () => void notifications.stop(),
    };
  };
}
