/**
 * The chat server's directory of agents (`GET /api/agent/directory?q=…`, agent session token) as
 * a `directory` for createDesktopChat's contact search. An agent's IM address is their Finesse
 * login id at the XMPP domain (Cisco IM and Presence users are the Unified CM users the agents are).
 */
import { HybridChatError } from '../core/errors.ts';
import type { DirectoryEntry } from './types.ts';

/** The answer of `GET /api/agent/directory`. */
export interface AgentDirectoryResponse {
  readonly agents: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

export interface AgentDirectoryOptions {
  /** The chat server's base URL (`https://chat.example.com`). */
  readonly baseUrl: string;
  /** The agent's current session token. */
  readonly token: () => string | null;
  /** The XMPP domain of the agents' addresses. */
  readonly domain: string;
  readonly fetch?: typeof fetch;
}

export function agentDirectory(options: AgentDirectoryOptions): (query: string) => Promise<DirectoryEntry[]> {
  return async (query) => {
    const token = options.token();
    if (!token) throw new HybridChatError('UNAUTHORIZED', 'not signed in to the chat server');
    const url = `${options.baseUrl.replace(/\/+$/, '')}/api/agent/directory?q=${encodeURIComponent(query)}`;
    const response = await (options.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${token}` },
    }).catch((error: unknown) => {
      throw new HybridChatError('DISCONNECTED', 'the agent directory cannot be reached', { cause: error });
    });
    if (response.status === 401)
      throw new HybridChatError('UNAUTHORIZED', 'the agent directory refused the session');
    if (!response.ok)
      throw new HybridChatError('PROTOCOL', `the agent directory answered HTTP ${response.status}`);
    const body = (await response.json()) as Partial<AgentDirectoryResponse>;
    return (Array.isArray(body.agents) ? body.agents : [])
      .filter((agent) => typeof agent?.id === 'string' && typeof agent.name === 'string')
      .map((agent) => ({ jid: `${agent.id}@${options.domain}`.toLowerCase(), name: agent.name }));
  };
}
