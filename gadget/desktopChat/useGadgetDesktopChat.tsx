/**
 * Desktop Chat inside the gadget's workspace: the header button and the panel, or nothing when it
 * is not configured. A configuration error still shows the button; its panel says what is wrong.
 */
import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopChatConfig } from './config.ts';
import { DesktopChatButton } from './DesktopChatButton.tsx';
import { messageSummary, showMessageAlert } from './notify.ts';
import type { DesktopChatPort } from './session.ts';
import { colleagueName } from './colleagueNames.ts';
import { useDesktopChat, type IncomingEffects } from './useDesktopChat.ts';
import { displayName } from '../../sdk/index.ts';

/**
 * The panel (contacts, chats, files) loads when the agent first opens it, like the XMPP client on the
 * first sign-in (port.ts): an agent who never opens Desktop Chat downloads neither.
 */
const DesktopChatPanel = lazy(() =>
  import('./DesktopChatPanel.tsx').then((module) => ({ default: module.DesktopChatPanel })),
);

/** What the composition root hands the gadget: a port, or why the preferences are unusable. */
export type DesktopChatSetup = { port: DesktopChatPort; config: DesktopChatConfig } | { error: string };

export interface GadgetDesktopChat {
  button: ReactNode;
  panel: ReactNode;
  open: boolean;
}

export function useGadgetDesktopChat(
  setup: DesktopChatSetup | undefined,
  announce: (text: string) => void,
  desktopAlerts: boolean,
): GadgetDesktopChat | null {
  const { t } = useTranslation('gadget');
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const port = setup && 'port' in setup ? setup.port : null;
  const rosterName = useRef<(jid: string) => string>((jid) => displayName({ jid }));

  const effects = useMemo<IncomingEffects>(
    () => ({
      announce: (message) =>
        announce(
          t('desktopChat.chats.announce', {
            name: rosterName.current(message.peer),
            text: messageSummary(message),
          }),
        ),
      notify: (message, focus) => {
        if (!desktopAlerts) return;
        showMessageAlert(
          message,
          {
            title: t('desktopChat.chats.notificationTitle', { name: rosterName.current(message.peer) }),
            body: messageSummary(message),
          },
          focus,
        );
      },
    }),
    [announce, desktopAlerts, t],
  );
  const controller = useDesktopChat(port, effects);
  const { roster, names } = controller.snapshot;
  useEffect(() => {
    rosterName.current = (jid) =>
      colleagueName(
        jid,
        roster.find((entry) => entry.jid === jid),
        names,
      );
  }, [roster, names]);
  const { setPanelOpen } = controller;
  const close = useCallback(() => {
    setPanelOpen(false);
    button.current?.focus();
  }, [setPanelOpen]);

  if (!setup) return null;
  const open = controller.panelOpen;
  return {
    open,
    button: (
      <DesktopChatButton
        open={open}
        unread={controller.totalUnread}
        blink={controller.blink}
        dnd={controller.snapshot.own.availability === 'dnd'}
        panelId={panelId}
        buttonRef={button}
        onToggle={() => setPanelOpen(!open)}
      />
    ),
    panel: !open ? null : 'error' in setup || !controller.session ? (
      <section
        id={panelId}
        className="dc-panel hc-card"
        data-testid="dc.panel"
        aria-label={t('desktopChat.title')}
      >
        <p className="dc-problem" role="alert" data-testid="dc.configError">
          {t('desktopChat.configError', { detail: 'error' in setup ? setup.error : '' })}
        </p>
      </section>
    ) : (
      <Suspense
        fallback={
          <section
            id={panelId}
            className="dc-panel hc-card"
            aria-busy="true"
            aria-label={t('desktopChat.title')}
          />
        }
      >
        <DesktopChatPanel
          id={panelId}
          controller={{ ...controller, session: controller.session }}
          domain={setup.config.domain}
          onClose={close}
        />
      </Suspense>
    ),
  };
}
