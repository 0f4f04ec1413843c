/**
 * A small reader of nginx configuration text for structural test assertions: directives with their
 * arguments and blocks with their children; comments dropped. Handles the subset the tool emits
 * (no quotes spanning lines, no variables in block names).
 */
export interface NginxNode {
  name: string;
  args: string[];
  children?: NginxNode[];
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|([{};])|([^\s{};"']+)/g;
  for (const line of text.split('\n')) {
    const code = line.replace(/(^|\s)#.*$/, '');
    for (const match of code.matchAll(pattern))
      tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return tokens;
}

export function parseNginx(text: string): NginxNode[] {
  const tokens = tokenize(text);
  let at = 0;
  const block = (): NginxNode[] => {
    const nodes: NginxNode[] = [];
    while (at < tokens.length && tokens[at] !== '}') {
      const words: string[] = [];
      for (
        let token = tokens[at];
        token !== undefined && token !== ';' && token !== '{';
        token = tokens[++at]
      ) {
        words.push(token);
      }
      const [name = '', ...args] = words;
      if (tokens[at++] === '{') {
        nodes.push({ name, args, children: block() });
        if (tokens[at++] !== '}') throw new Error(`unclosed block ${name}`);
      } else nodes.push({ name, args });
    }
    return nodes;
  };
  const nodes = block();
  if (at !== tokens.length) throw new Error('unbalanced }');
  return nodes;
}

export function all(nodes: readonly NginxNode[], name: string): NginxNode[] {
  return nodes.filter((node) => node.name === name);
}

export function one(nodes: readonly NginxNode[], name: string): NginxNode {
  const found = all(nodes, name);
  const [node] = found;
  if (!node || found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return node;
}

/** `proxy_set_header` values by header name. */
export function headers(nodes: readonly NginxNode[]): Record<string, string> {
  return Object.fromEntries(all(nodes, 'proxy_set_header').map((node) => [node.args[0], node.args[1]]));
}

/** Seconds of an nginx time like `75s`, `2m`. */
export function seconds(value: string | undefined): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value ?? '');
  if (!match) throw new Error(`not an nginx time: ${value}`);
  const factor = { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2] ?? 's'] ?? 1;
  return Number(match[1]) * factor;
}
