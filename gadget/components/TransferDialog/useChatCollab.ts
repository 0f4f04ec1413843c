/**
 * What ChatView needs for transfer, conference and whispers in one chat, bound to the gadget store;
 * loads the chat's whispers when it is shown (after a reload or a tab switch).
 */
import { useEffect } from 'react';
import type { Whisper } from '../../../sdk/index.ts';
import { useGadgetStore } from '../../stores/gadgetContext.tsx';
import type { ChatCollabPort } from './ChatCollabTools.tsx';

const NONE: Whisper[] = [];

export function useChatCollab(
  chat: { id: string; agent: { id: string } | null } | null,
  selfId: string,
): (ChatCollabPort & { whispers: Whisper[]; onWhisper: (text: string) => void }) | undefined {
  const whispers = useGadgetStore((s) => (chat ? (s.whispers[chat.id] ?? NONE) : NONE));
  const actions = useGadgetStore((s) => s);
  const chatId = chat?.id ?? null;
  const { loadWhispers } = actions;
  useEffect(() => {
    if (chatId) void loadWhispers(chatId);
  }, [chatId, loadWhispers]);
  if (!chat) return undefined;
  return {
    isOwner: chat.agent?.id === selfId,
    whispers,
    onWhisper: (text) => void actions.sendWhisper(chat.id, text),
    loadTargets: actions.loadTargets,
    onTransfer: (target, note) => actions.transferChat(chat.id, target, note),
    onInvite: (agentId, note) => actions.inviteAgent(chat.id, agentId, note),
    onLeave: () => void actions.leaveChat(chat.id),
  };
}
