/**
 * The desktop's calls to the simulator's test control API (`/sim/api`, JSON). Not part of Finesse:
 * they stand in for the outside world (a caller dialing in, a caller hanging up, the wrap-up
 * timer, an administrator stopping a node).
 */
export class SimApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'SimApiError';
    this.status = status;
  }
}

async function call<T>(path: string, body?: object): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/sim/api${path}`, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new SimApiError(0, 'Cannot reach this Finesse node.');
  }
  const json = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new SimApiError(response.status, json.error ?? response.statusText);
  return json;
}

export type CallKind = 'inbound' | 'transfer' | 'conference' | 'consult' | 'direct';

export interface NodeInfo {
  name: 'primary' | 'secondary';
  host: string;
  httpsPort: number | null;
  up: boolean;
  status: 'IN_SERVICE' | 'OUT_OF_SERVICE';
  url: string | null;
  /** The node this page's requests arrive at (by its listening port, so also through a proxy). */
  self?: boolean;
}

export const placeCall = (userId: string, type: CallKind, from?: string) =>
  call<{ id: string }>(`/users/${encodeURIComponent(userId)}/calls`, from ? { type, from } : { type });

/** The far end hangs up (`end`), as opposed to the agent's own DROP through Finesse. */
export const endCall = (dialogId: string) => call<object>(`/dialogs/${encodeURIComponent(dialogId)}/end`, {});

export const completeWrapUp = (userId: string) =>
  call<object>(`/users/${encodeURIComponent(userId)}/wrapup/complete`, {});

export const listNodes = () => call<NodeInfo[]>('/nodes');

export const setNodeUp = (name: NodeInfo['name'], up: boolean) => call<NodeInfo>(`/nodes/${name}`, { up });
