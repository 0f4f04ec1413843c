/**
 * Publish/subscribe by pubsub node, the way Finesse publishes over XMPP (docs/requirements.md,
 * Notifications): a node per resource (`/finesse/api/User/{id}`, `/finesse/api/User/{id}/Dialogs`,
 * `/finesse/api/SystemInfo`), an `<Update>` XML payload per item. Transports (the SSE stream for
 * our finesse.js today, an XMPP component later) subscribe here and only carry the payloads.
 */
export interface Notification {
  readonly node: string;
  readonly payload: string;
}

export type NotificationListener = (notification: Notification) => void;

export interface NotificationHub {
  publish(node: string, payload: string): void;
  /** Subscribes to some nodes; returns the unsubscribe. */
  subscribe(nodes: readonly string[], listener: NotificationListener): () => void;
  subscriberCount(node: string): number;
}

/** The nodes Finesse subscribes a user to automatically. */
export function userNodes(id: string): string[] {
  return [`/finesse/api/User/${id}`, `/finesse/api/User/${id}/Dialogs`, '/finesse/api/SystemInfo'];
}

export function createNotificationHub(onListenerError: (error: unknown) => void): NotificationHub {
  const byNode = new Map<string, Set<NotificationListener>>();
  return {
    publish(node, payload) {
      for (const listener of [...(byNode.get(node) ?? [])]) {
        try {
          listener({ node, payload });
        } catch (error) {
          // One broken subscriber (a closed socket) must not keep the others from their update.
          onListenerError(error);
        }
      }
    },
    subscribe(nodes, listener) {
      for (const node of nodes) {
        let set = byNode.get(node);
        if (!set) byNode.set(node, (set = new Set()));
        set.add(listener);
      }
      return () => {
        for (const node of nodes) {
          const set = byNode.get(node);
          set?.delete(listener);
          if (set?.size === 0) byNode.delete(node);
        }
      };
    },
    subscriberCount: (node) => byNode.get(node)?.size ?? 0,
  };
}
