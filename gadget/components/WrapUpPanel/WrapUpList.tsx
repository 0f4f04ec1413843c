/**
 * Every open wrap-up of this agent, from the gadget store. A wrap-up that waits for its chat to be
 * closed (the customer left) starts by itself when that chat is no longer open here (e.g. after a
 * reload, when ended chats are not listed again), so its slot is never held for good.
 */
import { useEffect } from 'react';
import { useChatState } from '../../hooks/useChatClient.ts';
import { useGadgetStore } from '../../stores/gadgetContext.tsx';
import { WrapUpPanel } from './WrapUpPanel.tsx';

export function WrapUpList({ now }: { now: number }) {
  const wrapUps = useGadgetStore((s) => s.wrapUps);
  const reasons = useGadgetStore((s) => s.wrapUpReasons);
  const reasonLabels = useGadgetStore((s) => s.wrapUpReasonLabels);
  const startWrapUp = useGadgetStore((s) => s.startWrapUp);
  const submitWrapUp = useGadgetStore((s) => s.submitWrapUp);
  const chats = useChatState().chats;
  const shown = Object.values(wrapUps).filter((w) => w.state === 'running' || !chats[w.chatId]);

  useEffect(() => {
    for (const wrapUp of Object.values(wrapUps)) {
      if (wrapUp.state === 'waiting' && !chats[wrapUp.chatId]) void startWrapUp(wrapUp.chatId);
    }
  }, [wrapUps, chats, startWrapUp]);

  return shown.map((wrapUp, index) => (
    <WrapUpPanel
      key={wrapUp.chatId}
      wrapUp={wrapUp}
      reasons={reasons}
      reasonLabels={reasonLabels}
      now={now}
      autoFocus={index === 0}
      onSubmit={(chosen, notes) => submitWrapUp(wrapUp.chatId, chosen, notes)}
    />
  ));
}
