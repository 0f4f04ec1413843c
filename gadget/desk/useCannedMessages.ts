/**
 * The agent's canned messages: the cached copy at once (offline, or before the server answers),
 * then the server's, which replaces the copy. Asked again when the connection comes back online,
 * so a change of the configuration reaches agents without a reload.
 */
import { useEffect, useState } from 'react';
import type { CannedMessage } from '../../sdk/index.ts';
import type { CannedCache } from './cannedCache.ts';
import type { AgentApi } from '../../sdk/index.ts';

export function useCannedMessages(
  desk: AgentApi | undefined,
  cache: CannedCache,
  agentId: string,
  online: boolean,
): CannedMessage[] {
  const [messages, setMessages] = useState<CannedMessage[]>(() => cache.load(agentId) ?? []);
  useEffect(() => {
    if (!desk || !online) return;
    let cancelled = false;
    desk.canned().then(
      (fresh) => {
        if (cancelled) return;
        cache.save(agentId, fresh);
        setMessages(fresh);
      },
      (error: unknown) => console.warn('[hybrid-chat gadget] canned messages: using the saved copy', error),
    );
    return () => {
      cancelled = true;
    };
  }, [desk, cache, agentId, online]);
  return messages;
}
