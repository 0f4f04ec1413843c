import { h, mount } from './dom.ts';
import { listNodes, setNodeUp, type NodeInfo } from './simApi.ts';

export interface NodeAdmin {
  readonly element: HTMLElement;
  dispose(): void;
}

const POLL_MS = 4000;
const NAMES: Record<NodeInfo['name'], string> = { primary: 'Publisher', secondary: 'Subscriber' };

/**
 * The Finesse cluster as an administrator sees it: each node, whether it listens and what its
 * SystemInfo says, with Stop / Start. Stopping the node this page came from cuts the page off
 * too (that is the point); the other node's desktop is one link away.
 */
export function createNodeAdmin(options: {
  onMessage: (text: string, tone?: 'ok' | 'error') => void;
}): NodeAdmin {
  const list = h('ul', { className: 'node-list' });
  const element = h(
    'section',
    { className: 'sim-section', 'aria-labelledby': 'sim-nodes-title', testid: 'desktop.admin' },
    h('h3', { id: 'sim-nodes-title', className: 'sim-section-title' }, 'Finesse cluster'),
    list,
  );
  let nodes: NodeInfo[] = [];
  let unreachable = false;

  // The server knows which node a request reached; the page's own port says nothing behind a proxy.
  const isThisNode = (node: NodeInfo) =>
    node.self ?? (node.httpsPort !== null && String(node.httpsPort) === (location.port || '80'));

  const toggle = async (node: NodeInfo) => {
    try {
      await setNodeUp(node.name, !node.up);
      options.onMessage(`${NAMES[node.name]} ${node.up ? 'stopped: it refuses connections' : 'started'}.`);
    } catch (error) {
      options.onMessage(error instanceof Error ? error.message : 'The node did not change.', 'error');
    }
    await refresh();
  };

  const row = (node: NodeInfo) => {
    const other = nodes.find((n) => n.name !== node.name && n.up && n.url);
    const status = !node.up ? 'Stopped' : node.status === 'IN_SERVICE' ? 'In service' : 'Out of service';
    return h(
      'li',
      { className: 'node', 'data-up': String(node.up), testid: `desktop.admin.node.${node.name}` },
      h('span', { className: 'node-dot', 'aria-hidden': 'true' }),
      h(
        'div',
        { className: 'node-main' },
        h(
          'div',
          { className: 'node-name' },
          NAMES[node.name],
          isThisNode(node) ? h('span', { className: 'node-this' }, 'this page') : null,
        ),
        h('div', { className: 'node-address' }, `${node.host}:${node.httpsPort ?? '—'}`),
        h('div', { className: 'node-status', testid: `desktop.admin.node.${node.name}.status` }, status),
        isThisNode(node) && !node.up && other?.url
          ? h(
              'a',
              { className: 'node-link', href: `${other.url}/desktop/` },
              `Continue on the ${NAMES[other.name].toLowerCase()} →`,
            )
          : null,
      ),
      h(
        'button',
        {
          type: 'button',
          className: 'sim-button',
          testid: `desktop.admin.node.${node.name}.toggle`,
          disabled: unreachable,
          onclick: () => void toggle(node),
        },
        node.up ? 'Stop' : 'Start',
      ),
    );
  };

  async function refresh(): Promise<void> {
    try {
      nodes = await listNodes();
      unreachable = false;
    } catch {
      // This node is down (maybe stopped from here): keep the last view, offer the other node.
      unreachable = true;
      nodes = nodes.map((node) => (isThisNode(node) ? { ...node, up: false } : node));
    }
    mount(list, ...nodes.map(row));
  }

  void refresh();
  const interval = setInterval(() => void refresh(), POLL_MS);
  return { element, dispose: () => clearInterval(interval) };
}
