/**
 * The Finesse cluster: a publisher (primary) and an optional subscriber (secondary), as SystemInfo
 * reports them (`primaryNode`, `secondaryNode`). Both serve the same REST API over the
 * same state, as the two nodes of a real cluster do. Clients fail over by polling SystemInfo on
 * both (docs/requirements.md, "Finesse failover").
 *
 * This is the bookkeeping; `nodeListeners.ts` opens and closes each node's listening socket.
 * A node is `up` while it accepts connections; an up node may still report OUT_OF_SERVICE (Cisco
 * SystemInfo `status`), and then answers its other APIs with 503, as Finesse does while its CTI
 * link is down.
 */
export type NodeName = 'primary' | 'secondary';
export const NODE_NAMES: readonly NodeName[] = ['primary', 'secondary'];

export type NodeStatus = 'IN_SERVICE' | 'OUT_OF_SERVICE';

export interface FinesseNodeOptions {
  readonly host: string;
  /** Overrides the port SystemInfo reports (default: the port the node listens on). */
  readonly httpsPort?: number;
  readonly xmppPort?: number;
}

export interface FinesseNode {
  readonly name: NodeName;
  readonly host: string;
  readonly httpsPort: number | undefined;
  readonly xmppPort: number;
  /** Listening (accepting TCP connections). */
  readonly up: boolean;
  readonly status: NodeStatus;
}

export interface NodeRegistry {
  get(name: NodeName): FinesseNode | undefined;
  list(): FinesseNode[];
  /** Records a node as listening or not (the listener itself is `nodeListeners.ts`'s). */
  markUp(name: NodeName, up: boolean): FinesseNode;
  setStatus(name: NodeName, status: NodeStatus): FinesseNode;
  setListeningPort(name: NodeName, port: number): void;
  /** Which node listens on this local port; the primary for in-process (injected) requests. */
  byPort(port: number | undefined): FinesseNode;
}

export class UnknownNodeError extends Error {
  constructor(name: string) {
    super(`[simulator] no Finesse node named ${name}`);
    this.name = 'UnknownNodeError';
  }
}

export function isNodeName(name: string): name is NodeName {
  return (NODE_NAMES as readonly string[]).includes(name);
}

interface NodeState {
  readonly options: FinesseNodeOptions;
  up: boolean;
  status: NodeStatus;
  port: number | undefined;
}

export function createNodeRegistry(options: {
  primary: FinesseNodeOptions;
  secondary?: FinesseNodeOptions | undefined;
}): NodeRegistry {
  const state = new Map<NodeName, NodeState>();
  state.set('primary', { options: options.primary, up: true, status: 'IN_SERVICE', port: undefined });
  if (options.secondary) {
    state.set('secondary', { options: options.secondary, up: true, status: 'IN_SERVICE', port: undefined });
  }

  const mustGet = (name: NodeName): NodeState => {
    const node = state.get(name);
    if (!node) throw new UnknownNodeError(name);
    return node;
  };

  const view = (name: NodeName): FinesseNode | undefined => {
    const node = state.get(name);
    if (!node) return undefined;
    return {
      name,
      host: node.options.host,
      httpsPort: node.options.httpsPort ?? node.port,
      xmppPort: node.options.xmppPort ?? 5222,
      up: node.up,
      status: node.status,
    };
  };

  return {
    get: view,
    list: () => [...state.keys()].flatMap((name) => view(name) ?? []),
    markUp(name, up) {
      mustGet(name).up = up;
      return view(name) as FinesseNode;
    },
    setStatus(name, status) {
      mustGet(name).status = status;
      return view(name) as FinesseNode;
    },
    setListeningPort(name, port) {
      mustGet(name).port = port;
    },
    byPort(port) {
      const match = [...state.entries()].find(([, node]) => port !== undefined && node.port === port);
      return view(match?.[0] ?? 'primary') as FinesseNode;
    },
  };
}
