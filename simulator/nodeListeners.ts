import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FinesseNode, NodeName, NodeRegistry, NodeStatus } from './nodes.ts';

/**
 * Each node's HTTP listener. Both servers hand their requests to the same Fastify app, so the two
 * nodes share one state, as one Finesse cluster. Stopping a node closes its listening socket and
 * drops its open connections (notification streams too): clients see connections refused, the way
 * a node that is down looks, not an HTTP error. Starting it listens again on the same port.
 */
export interface NodeCluster {
  /** Starts every configured node on its port (0: a free one, kept for later restarts). */
  listen(): Promise<void>;
  /**
   * Stops or starts a node; `status` changes what its SystemInfo reports. `keep` is the socket of
   * the request asking (when it came through the node being stopped): it is closed once its
   * response has been sent rather than cut off.
   */
  set(
    name: NodeName,
    change: { up?: boolean; status?: NodeStatus },
    keep?: { socket: Socket; finished: Promise<void> },
  ): Promise<FinesseNode>;
  /** Every node up and IN_SERVICE. */
  reset(): Promise<void>;
  url(name: NodeName): string | undefined;
  close(): Promise<void>;
}

export interface NodeClusterOptions {
  readonly registry: NodeRegistry;
  readonly servers: ReadonlyMap<NodeName, Server>;
  readonly ports: ReadonlyMap<NodeName, number>;
  readonly host: string;
}

export function createNodeCluster(options: NodeClusterOptions): NodeCluster {
  const { registry, servers, host } = options;
  const ports = new Map(options.ports);
  // Before `listen()` (tests that only inject requests) nodes are marked up or down, never opened.
  let started = false;
  const sockets = new Map<NodeName, Set<Socket>>();
  for (const [name, server] of servers) {
    const open = new Set<Socket>();
    sockets.set(name, open);
    server.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    });
  }

  const start = async (name: NodeName): Promise<void> => {
    const server = servers.get(name);
    // A node described for SystemInfo but given no port has no listener: only its flag changes.
    if (server && started && !server.listening) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: ports.get(name) ?? 0, host }, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address();
      if (typeof address === 'object' && address) {
        ports.set(name, address.port);
        registry.setListeningPort(name, address.port);
      }
    }
    registry.markUp(name, true);
  };

  const stop = async (name: NodeName, keep?: { socket: Socket; finished: Promise<void> }) => {
    const server = servers.get(name);
    registry.markUp(name, false);
    if (!server?.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets.get(name) ?? []) {
      if (socket === keep?.socket) void keep.finished.then(() => socket.destroy());
      else socket.destroy();
    }
    // Let the event loop release the listening socket before anyone tries to connect again.
    await new Promise((resolve) => setImmediate(resolve));
    if (!keep) await closed;
  };

  const formatHost = (value: string) =>
    value === '0.0.0.0' || value === '::' ? 'localhost' : value.includes(':') ? `[${value}]` : value;

  return {
    async listen() {
      started = true;
      for (const name of servers.keys()) await start(name);
    },
    async set(name, change, keep) {
      if (change.status) registry.setStatus(name, change.status);
      if (change.up === true) await start(name);
      if (change.up === false) await stop(name, keep);
      return registry.get(name) as FinesseNode;
    },
    async reset() {
      for (const node of registry.list()) {
        registry.setStatus(node.name, 'IN_SERVICE');
        if (!node.up) await start(node.name);
      }
    },
    url(name) {
      const port = ports.get(name);
      return servers.get(name)?.listening && port ? `http://${formatHost(host)}:${port}` : undefined;
    },
    async close() {
      started = false;
      await Promise.all([...servers.keys()].map((name) => stop(name)));
    },
  };
}
