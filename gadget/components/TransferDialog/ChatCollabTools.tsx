/**
 * The collaboration buttons in a chat's header: the owner transfers the chat or invites a second
 * agent (each through the TransferDialog); a consulted agent leaves instead (only the owner ends a
 * chat).
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferTargets } from '../../../sdk/index.ts';
import type { TransferTarget } from '../../../sdk/index.ts';
import { TransferDialog } from './TransferDialog.tsx';

export interface ChatCollabPort {
  /** The agent owns the chat (else they were invited into it). */
  isOwner: boolean;
  loadTargets: () => Promise<TransferTargets>;
  onTransfer: (target: TransferTarget, note: string) => Promise<boolean>;
  onInvite: (agentId: string, note: string) => Promise<boolean>;
  onLeave: () => void;
}

export function ChatCollabTools({ port, customerName }: { port: ChatCollabPort; customerName: string }) {
  const { t } = useTranslation('gadget');
  const [open, setOpen] = useState<'transfer' | 'invite' | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);

  if (!port.isOwner) {
    return (
      <button
        type="button"
        className="hc-btn hc-btn--secondary"
        onClick={port.onLeave}
        data-testid="gadget.leave"
      >
        {t('chat.leave')}
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className="hc-btn hc-btn--secondary"
        onClick={(event) => {
          opener.current = event.currentTarget;
          setOpen('transfer');
        }}
        data-testid="gadget.transfer.open"
      >
        {t('chat.transfer')}
      </button>
      <button
        type="button"
        className="hc-btn hc-btn--secondary"
        onClick={(event) => {
          opener.current = event.currentTarget;
          setOpen('invite');
        }}
        data-testid="gadget.invite.open"
      >
        {t('chat.invite')}
      </button>
      {open && (
        <TransferDialog
          mode={open}
          customerName={customerName}
          loadTargets={port.loadTargets}
          onSubmit={(target, note) =>
            open === 'invite' && 'agentId' in target
              ? port.onInvite(target.agentId, note)
              : port.onTransfer(target, note)
          }
          onCancel={() => setOpen(null)}
        />
      )}
    </>
  );
}
