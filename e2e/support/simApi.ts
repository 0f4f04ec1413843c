/**
 * The Finesse simulator's test-control API (`/sim/api`, simulator/README.md) from the test process:
 * ring agents, answer and end calls, look at voice state, stop and start nodes. Every node that is
 * up serves it, so each call may name the node it goes through.
 */
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

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
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

  completeWrapUp(id: string): Promise<SimUser> {
    return this.call('POST', `/users/${id}/wrapup/complete`);
  }

  setNode(name: NodeName, up: boolean): Promise<unknown> {
    return this.call('POST', `/nodes/${name}`, { up });
  }
}
