/**
 * The agent desk of one gadget instance: the agent's canned messages (cached for offline use), the
 * draft store and the server calls of the customer panel, handed to every ChatView.
 */
import { useMemo } from 'react';
import { createDraftStore } from '../drafts.ts';
import { browserStorage, createCannedCache } from './cannedCache.ts';
import { useCannedMessages } from './useCannedMessages.ts';
import type { ChatDesk } from './useChatDesk.tsx';
import type { AgentApi } from '../../sdk/index.ts';

export function useDesk(
  api: AgentApi | undefined,
  agent: { id: string; name: string },
  online: boolean,
  storage: Storage | null = browserStorage(),
): ChatDesk {
  const cache = useMemo(() => createCannedCache(storage), [storage]);
  const drafts = useMemo(() => createDraftStore(storage), [storage]);
  const canned = useCannedMessages(api, cache, agent.id, online);
  return useMemo(
    () => ({ canned, drafts, agentName: agent.name, ...(api ? { api } : {}) }),
    [canned, drafts, agent.name, api],
  );
}
