/**
 * What the agent desk adds to one chat's reply box: the saved draft (restored after a reload,
 * cleared on send and when the chat ends) and the `/shortcode` completion over the canned
 * messages of the chat's queue. ChatView spreads `composer` onto its Composer.
 */
import { useEffect, useId, useMemo, useRef } from 'react';
import type { ChatSummary, CannedMessage } from '../../sdk/index.ts';
import type { ComposerAssist } from '../../ui/Composer/Composer.tsx';
import { CannedMenu } from '../components/CannedMenu/CannedMenu.tsx';
import { useCannedCompletion } from '../components/CannedMenu/useCannedCompletion.ts';
import { createDraftStore, useDraft, type DraftStore } from '../drafts.ts';
import { cannedFor } from '../../sdk/index.ts';
import type { AgentApi } from '../../sdk/index.ts';

export interface ChatDesk {
  /** Every canned message of the agent (narrowed to the chat's queue here). */
  canned: CannedMessage[];
  drafts: DraftStore;
  agentName: string;
  /** The customer panel's server calls. */
  api?: AgentApi;
}

const NO_DRAFTS = createDraftStore(null);
const NO_CANNED: CannedMessage[] = [];

export function useChatDesk(desk: ChatDesk | undefined, chat: ChatSummary, selfId: string) {
  const draft = useDraft(desk?.drafts ?? NO_DRAFTS, selfId, chat.id);
  const inputRef = useRef<HTMLTextAreaElement | null>(null);
  const listId = `${useId()}canned`;
  const all = desk?.canned ?? NO_CANNED;
  const messages = useMemo(() => cannedFor(chat.queue, all), [chat.queue, all]);
  const values = useMemo(
    () => ({ customerName: chat.customer.name, agentName: desk?.agentName ?? '' }),
    [chat.customer.name, desk?.agentName],
  );
  const completion = useCannedCompletion({
    messages,
    text: draft.text,
    setText: draft.setText,
    values,
    inputRef,
    listId,
  });

  const ended = chat.status === 'ended';
  const { clear } = draft;
  useEffect(() => {
    if (ended) clear();
  }, [ended, clear]);

  const assist: ComposerAssist = {
    ...completion.assist,
    popup: <CannedMenu completion={completion} listId={listId} values={values} />,
  };
  return {
    // Without a desk the box stays a plain text box (no completion to offer).
    composer: { value: draft.text, onValueChange: draft.setText, inputRef, ...(desk ? { assist } : {}) },
    /** After a send: the draft is gone. */
    sent: clear,
  };
}
