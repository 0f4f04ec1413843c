/**
 * The chat app inside the widget's iframe: the pre-chat form, then the chat. Restores a saved chat
 * on load, tells the loader its status and unread count, and asks it to close the panel.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WidgetStatus } from '../bridge.ts';
import { ChatScreen } from './components/ChatScreen/ChatScreen.tsx';
import { Header } from './components/Header/Header.tsx';
import { PrechatForm } from './components/PrechatForm/PrechatForm.tsx';
import type { HostBridge } from './hostBridge.ts';
import { ChatGoneError, type WidgetSession } from './session.ts';
import type { SavedChat } from './storage.ts';

export interface WidgetDeps {
  startChat(options: {
    serverUrl: string;
    name: string;
    queue?: string;
    token?: string;
  }): Promise<WidgetSession>;
  resumeChat(serverUrl: string, saved: SavedChat): Promise<WidgetSession>;
  loadSavedChat(): SavedChat | null;
  saveChat(saved: Omit<SavedChat, 'v'>): void;
  clearSavedChat(): void;
}

export interface WidgetAppProps {
  serverUrl: string;
  queue?: string;
  bridge: HostBridge;
  deps: WidgetDeps;
}

type Phase =
  | { kind: 'prechat'; error: string | null }
  | { kind: 'starting' }
  | { kind: 'restoring' }
  | { kind: 'restoreFailed' }
  | { kind: 'chat'; session: WidgetSession };

export function WidgetApp({ serverUrl, queue, bridge, deps }: WidgetAppProps) {
  const { t } = useTranslation('widget');
  const [saved] = useState(() => deps.loadSavedChat());
  const [phase, setPhase] = useState<Phase>(saved ? { kind: 'restoring' } : { kind: 'prechat', error: null });
  const [name, setName] = useState(saved?.name ?? '');
  // The customer's latest token: a new chat after an ended one keeps the same customer.
  const token = useRef(saved?.token);
  const [visible, setVisible] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const visibleRef = useRef(false);
  const unread = useRef(0);
  const session = phase.kind === 'chat' ? phase.session : null;

  const close = useCallback(() => bridge.post({ type: 'close' }), [bridge]);
  const reportStatus = useCallback(
    (status: WidgetStatus) => bridge.post({ type: 'status', status }),
    [bridge],
  );

  // Tell the loader we are here; learn when the panel opens and closes.
  useEffect(() => {
    const off = bridge.onVisibility((open) => {
      visibleRef.current = open;
      setVisible(open);
      if (open && unread.current > 0) {
        unread.current = 0;
        bridge.post({ type: 'unread', count: 0 });
      }
    });
    bridge.post({ type: 'ready' });
    return off;
  }, [bridge]);

  // Whenever the panel opens, the cursor goes where the customer types.
  useEffect(() => {
    if (visible) root.current?.querySelector<HTMLElement>('textarea, input')?.focus();
  }, [visible, phase.kind]);

  // Escape minimises the panel (a dialog handles its own Escape first).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [close]);

  // Restore a saved chat: the client rehydrates it with its whole history.
  useEffect(() => {
    if (!saved || attempt < 0) return;
    let cancelled = false;
    let restored: WidgetSession | null = null;
    deps.resumeChat(serverUrl, saved).then(
      (result) => {
        if (cancelled) return result.close();
        restored = result;
        token.current = result.saved.token;
        deps.saveChat(result.saved);
        setPhase({ kind: 'chat', session: result });
      },
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ChatGoneError) {
          deps.clearSavedChat();
          setPhase({ kind: 'prechat', error: null });
        } else {
          setPhase({ kind: 'restoreFailed' });
        }
      },
    );
    return () => {
      cancelled = true;
      restored?.close();
    };
  }, [saved, serverUrl, deps, attempt]);

  // Count the agent's messages while the panel is closed, for the launcher's badge.
  useEffect(() => {
    if (!session) return;
    return session.client.on('message', (message) => {
      if (visibleRef.current || message.from.role === 'customer' || message.kind !== 'text') return;
      unread.current += 1;
      bridge.post({ type: 'unread', count: unread.current });
    });
  }, [session, bridge]);

  // A session started from the form is closed when the app goes away.
  useEffect(() => () => session?.close(), [session]);

  useEffect(() => {
    if (phase.kind === 'prechat') reportStatus('idle');
  }, [phase.kind, reportStatus]);

  const start = async (customerName: string): Promise<void> => {
    setName(customerName);
    setPhase({ kind: 'starting' });
    try {
      const started = await deps.startChat({ serverUrl, name: customerName, queue, token: token.current });
      token.current = started.saved.token;
      deps.saveChat(started.saved);
      setPhase({ kind: 'chat', session: started });
    } catch {
      setPhase({ kind: 'prechat', error: t('prechat.failed') });
    }
  };

  const newChat = (): void => {
    deps.clearSavedChat();
    setPhase({ kind: 'prechat', error: null });
  };

  return (
    <div ref={root} className="w-app">
      {phase.kind === 'chat' ? (
        <ChatScreen
          key={phase.session.chatId}
          client={phase.session.client}
          chatId={phase.session.chatId}
          selfId={phase.session.saved.customerId}
          autoFocus={visible}
          onStatus={reportStatus}
          onClose={close}
          onNewChat={newChat}
        />
      ) : (
        <>
          <Header subtitle={t('header.subtitleIdle')} status="idle" onClose={close} />
          <main className="w-body">
            {phase.kind === 'restoring' ? (
              <p className="w-center" role="status">
                <span className="ui-spinner" aria-hidden="true" />
                {t('restoring')}
              </p>
            ) : phase.kind === 'restoreFailed' ? (
              <div className="w-center w-center--column" role="alert">
                <p>{t('error.title')}</p>
                <button
                  type="button"
                  className="w-btn w-btn--primary"
                  onClick={() => setAttempt((n) => n + 1)}
                >
                  {t('error.retry')}
                </button>
              </div>
            ) : (
              <PrechatForm
                initialName={name}
                busy={phase.kind === 'starting'}
                error={phase.kind === 'prechat' ? phase.error : null}
                onStart={(value) => void start(value)}
              />
            )}
          </main>
        </>
      )}
    </div>
  );
}
