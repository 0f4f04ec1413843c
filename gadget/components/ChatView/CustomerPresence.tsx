/**
 * Whether the customer is still connected (`ChatSummary.presence`, server/features/presence): the
 * agent sees at once in the chat header that the customer's connection is gone, so that silence is
 * not taken for an answer, and sees it come back. Nothing while the server has not said (older
 * servers) or once the chat has ended.
 */
import { useTranslation } from 'react-i18next';
import type { ChatSummary } from '../../../sdk/index.ts';

export function CustomerPresence({ chat }: { chat: Pick<ChatSummary, 'status' | 'presence' | 'customer'> }) {
  const { t } = useTranslation('gadget');
  const here = chat.presence?.customer;
  if (chat.status === 'ended' || here === undefined) return null;
  return (
    <p
      className={`hc-chat__presence hc-chat__presence--${here ? 'online' : 'away'}`}
      role="status"
      data-testid="gadget.chat.presence"
      data-presence={here ? 'online' : 'away'}
    >
      <span className="hc-chat__presence-dot" aria-hidden="true" />
      {here ? t('chat.customerOnline') : t('chat.customerAway', { name: chat.customer.name })}
    </p>
  );
}
