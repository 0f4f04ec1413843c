/**
 * The Finesse simulator's test-control API (`/sim/api`, simulator/README.md) from the test process:
 * ring agents, answer and end calls, look at voice state, stop and start nodes. Every node that is
 * up serves it, so each call may name the node it goes through.
 */
import type { ReverseProxyStatus } from '../../simulator/reverseProxy/reverseProxy.ts';

export type CallKind = 'inbound' | 'transfer' | 'conference' | 'consult' | 'direct';
export type NodeName = 'primary' | 'secondary';

export interface SimUser {
  id: string;
  state: string;
  pendingState: string | null;
  reasonCodeId: number | null;
  reasonCodeLabel: string | null;
  dialogs: string[];
}

export interface SimDialog {
  id: string;
  state: string;
  callType: string;
}

/** `/sim/api/reverse-proxy` (simulator/README.md, "Reverse proxy"): the JSON the simulator sends. */
export type SimReverseProxy = ReverseProxyStatus;

/** The simulator's "Handling Chat" NOT_READY reason code (simulator/README.md). */
export const HANDLING_CHAT_REASON_ID = 16;

export class SimApi {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** The same API through another node (e.g. to start the node this one stopped). */
  via(baseUrl: string): SimApi {
    return new SimApi(baseUrl);
  }

  private async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/sim/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /sim/api${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  user(id: string): Promise<SimUser> {
    return this.call('GET', `/users/${id}`);
  }

  /** Voice state as `STATE` or `NOT_READY:<reasonCodeId>`, handy for `expect.poll`. */
  async voice(id: string): Promise<string> {
    const user = await this.user(id);
    return user.state === 'NOT_READY' && user.reasonCodeId !== null && user.reasonCodeId >= 0
      ? `NOT_READY:${user.reasonCodeId}`
      : user.state;
  }

  setState(id: string, state: 'READY' | 'NOT_READY', reasonCodeId?: number): Promise<SimUser> {
    return this.call('POST', `/users/${id}/state`, { state, ...(reasonCodeId ? { reasonCodeId } : {}) });
  }

  ring(id: string, type: CallKind, from?: string): Promise<SimDialog> {
    return this.call('POST', `/users/${id}/calls`, { type, ...(from ? { from } : {}) });
  }

  answer(dialogId: string): Promise<SimDialog> {
    return this.call('POST', `/dialogs/${dialogId}/answer`);
  }

  end(dialogId: string): Promise<SimDialog> {
    return this.call('POST', `/dialogs/${dialogId}/end`);
  }

  /** The called party answers a call the agent placed (MAKE_CALL). */
  connect(dialogId: string): Promise<SimDialog> {
    return this.call('POST', `/dialogs/${dialogId}/connect`);
  }

  completeWrapUp(id: string): Promise<SimUser> {
    return this.call('POST', `/users/${id}/wrapup/complete`);
  }

  /** The Finesse release the simulator plays from now on (`/sim/api/finesse-version`); pages load its finesse.js. */
  setFinesseVersion(version: string): Promise<{ version: string; release: string }> {
    return this.call('POST', '/finesse-version', { version });
  }

  setNode(name: NodeName, up: boolean): Promise<unknown> {
    return this.call('POST', `/nodes/${name}`, { up });
  }

  /** Config URIs, allowed proxies, the current map and the time of the last good poll. */
  reverseProxy(): Promise<SimReverseProxy> {
    return this.call('GET', '/reverse-proxy');
  }

  /** `config-uri add`: the simulator polls it at once; the answer says whether it gave a usable map. */
  addProxyConfigUri(uri: string): Promise<SimReverseProxy> {
    return this.call('POST', '/reverse-proxy/config-uris', { uri });
  }

  /** `config-uri delete`: one URI, or every one with `'all'`. */
  deleteProxyConfigUri(uri: string | 'all'): Promise<SimReverseProxy> {
    const query = uri === 'all' ? 'all=true' : `uri=${encodeURIComponent(uri)}`;
    return this.call('DELETE', `/reverse-proxy/config-uris?${query}`);
  }

  /** `allowed-hosts add`: IP addresses or host names of the proxies. */
  addProxyAllowedHosts(hosts: string[]): Promise<SimReverseProxy> {
    return this.call('POST', '/reverse-proxy/allowed-hosts', { hosts });
  }

  /** `allowed-hosts delete`: one host, or every one with `'all'`. */
  deleteProxyAllowedHost(host: string | 'all'): Promise<SimReverseProxy> {
    const query = host === 'all' ? 'all=true' : `host=${encodeURIComponent(host)}`;
    return this.call('DELETE', `/reverse-proxy/allowed-hosts?${query}`);
  }

  /** Polls the map now instead of waiting for the update frequency. */
  pollProxyMap(): Promise<SimReverseProxy> {
    return this.call('POST', '/reverse-proxy/poll');
  }
}
