/**
 * The Finesse cluster: a publisher (primary) and an optional subscriber (secondary), as SystemInfo
 * reports them (FINESSE.md: `primaryNode`, `secondaryNode`). A node that is down answers nothing
 * useful; clients fail over by polling SystemInfo on both (FINESSE.md, seed 002 failover).
 *
 * First cut: one HTTP listener serves the primary; marking it down makes its REST API answer 503.
 * A second listener for the secondary can be added here without touching the routes.
 */
export type NodeName = 'primary' | 'secondary';

export interface FinesseNodeOptions {
  readonly host: string;
  /** Defaults to the port the simulator listens on. */
  readonly httpsPort?: number;
  readonly xmppPort?: number;
}

export interface FinesseNode {
  readonly name: NodeName;
  readonly host: string;
  readonly httpsPort: number | undefined;
  readonly xmppPort: number;
  readonly up: boolean;
}

export interface NodeRegistry {
  get(name: NodeName): FinesseNode | undefined;
  list(): FinesseNode[];
  setUp(name: NodeName, up: boolean): FinesseNode;
  /** Fills in the listening port for nodes that did not configure one. */
  setListeningPort(port: number): void;
  reset(): void;
}

export class UnknownNodeError extends Error {
  constructor(name: string) {
    super(`[simulator] no Finesse node named ${name}`);
    this.name = 'UnknownNodeError';
  }
}

export function createNodeRegistry(options: {
  primary: FinesseNodeOptions;
  secondary?: FinesseNodeOptions | undefined;
}): NodeRegistry {
  let listeningPort: number | undefined;
  const state = new Map<NodeName, { options: FinesseNodeOptions; up: boolean }>();
  state.set('primary', { options: options.primary, up: true });
  if (options.secondary) state.set('secondary', { options: options.secondary, up: true });

  const view = (name: NodeName): FinesseNode | undefined => {
    const node = state.get(name);
    if (!node) return undefined;
    return {
      name,
      host: node.options.host,
      httpsPort: node.options.httpsPort ?? listeningPort,
      xmppPort: node.options.xmppPort ?? 5222,
      up: node.up,
    };
  };

  return {
    get: view,
    list: () => [...state.keys()].flatMap((name) => view(name) ?? []),
    setUp(name, up) {
      const node = state.get(name);
      if (!node) throw new UnknownNodeError(name);
      node.up = up;
      return view(name) as FinesseNode;
    },
    setListeningPort(port) {
      listeningPort = port;
    },
    reset() {
      for (const node of state.values()) node.up = true;
    },
  };
}
