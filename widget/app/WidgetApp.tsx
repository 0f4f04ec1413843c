/**
 * The chat app inside the widget's iframe, a shell over the SDK's customer client
 * (`createCustomerClient`): the pre-chat form (the queue's fields, less what the host gave through
 * `identify()`), or a message form when no chat is possible now; then the chat, and at its end a
 * rating and the transcript. Restores a saved chat on load, follows a chat another tab starts,
 * tells the loader its status, and asks it to close the panel.
 *
 * A chat that has waited its queue's maximum may be swapped for a message: it is left like any
 * other, then the chat is ended, so the customer leaves the queue (and a reload starts afresh
 * instead of showing a chat nobody answered).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WidgetStatus } from '../bridge.ts';
import { ChatGoneError, LIMITS, type CustomerChat, type CustomerClient } from '../../sdk/index.ts';
import { useCustomer } from '../../sdk/react/index.ts';
import { ChatScreen } from './components/ChatScreen/ChatScreen.tsx';
import { Header } from './components/Header/Header.tsx';
import { PrechatForm } from './components/PrechatForm/PrechatForm.tsx';
import { EndOfChat, LeaveMessage, Part } from './conversation/lazyParts.tsx';
import { HostLink } from './host/HostLink.tsx';
import { useHostIdentity } from './host/useHostIdentity.ts';
import type { HostBridge } from './hostBridge.ts';
import type { SavedChat } from './storage.ts';

/** Where the chat is remembered across reloads and tabs (storage.ts, under the customer's consent). */
export interface WidgetDeps {
  loadSavedChat(): SavedChat | null;
  saveChat(saved: Omit<SavedChat, 'v'>): void;
  clearSavedChat(): void;
  /** Another tab saved a chat (storage.ts `watchSavedChat`); absent: tabs do not follow each other. */
  watchSavedChat?(listener: (saved: SavedChat | null) => void): () => void;
}

export interface WidgetAppProps {
  customer: CustomerClient;
  bridge: HostBridge;
  deps: WidgetDeps;
}

type Phase =
  | { kind: 'prechat'; error: string | null }
  | { kind: 'starting' }
  | { kind: 'restoring' }
  | { kind: 'restoreFailed' }
  | { kind: 'chat'; session: CustomerChat };

export function WidgetApp({ customer, bridge, deps }: WidgetAppProps) {
  const { t, i18n } = useTranslation('widget');
  const [saved, setSaved] = useState(() => deps.loadSavedChat());
  const [phase, setPhase] = useState<Phase>(saved ? { kind: 'restoring' } : { kind: 'prechat', error: null });
  // What the customer typed in the pre-chat form: kept for a new chat and for the transcript email.
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(saved ? [['name', saved.name]] : []),
  );
  const config = useCustomer(customer, (state) => state.config);
  const refresh = useCallback(() => customer.refreshConfig(), [customer]);
  // The queue's fields and availability, again when the language changes (topic labels).
  useEffect(() => {
    void customer.refreshConfig(i18n.language);
  }, [customer, i18n.language]);
  // The customer's latest token: a new chat after an ended one keeps the same customer.
  const token = useRef(saved?.token);
  const [visible, setVisible] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const identity = useHostIdentity(bridge);
  const session = phase.kind === 'chat' ? phase.session : null;
  const phaseRef = useRef(phase);
  useEffect(() => {
    phaseRef.current = phase;
  });

  const close = useCallback(() => bridge.post({ type: 'close' }), [bridge]);
  const reportStatus = useCallback(
    (status: WidgetStatus) => bridge.post({ type: 'status', status }),
    [bridge],
  );

  // Tell the loader we are here; learn when the panel opens and closes.
  useEffect(() => {
    const off = bridge.onVisibility(setVisible);
    bridge.post({ type: 'ready' });
    return off;
  }, [bridge]);

  // The loader may have loaded the app long before the panel opened (idle prefetch): whether an
  // agent is free is asked again on every open.
  useEffect(() => {
    if (visible) void refresh();
  }, [visible, refresh]);

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
    let restored: CustomerChat | null = null;
    customer.resume(saved).then(
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
  }, [saved, customer, deps, attempt]);

  // Another tab started or resumed a chat: a tab that is not in a live chat follows it, so the
  // customer never has two chats by accident and every tab shows the same one.
  useEffect(() => {
    if (!deps.watchSavedChat) return;
    return deps.watchSavedChat((next) => {
      const current = phaseRef.current;
      if (!next || current.kind === 'starting' || current.kind === 'restoring') return;
      if (current.kind === 'chat') {
        const chat = current.session.client.getState().chats[current.session.chatId]?.chat;
        if (current.session.chatId === next.chatId || chat?.status !== 'ended') return;
      }
      token.current = next.token;
      setSaved(next);
      setPhase({ kind: 'restoring' });
    });
  }, [deps]);

  // A session started from the form is closed when the app goes away.
  useEffect(() => () => session?.close(), [session]);

  useEffect(() => {
    if (phase.kind === 'prechat') reportStatus('idle');
  }, [phase.kind, reportStatus]);

  const start = async (preChat: Record<string, string>): Promise<void> => {
    setValues(preChat);
    setPhase({ kind: 'starting' });
    // The session needs a name; a queue may not ask for one.
    const name = Array.from(preChat['name'] || identity?.['name'] || t('prechat.guest'))
      .slice(0, LIMITS.name)
      .join('');
    try {
      const started = await customer.start({ name, token: token.current, preChat });
      token.current = started.saved.token;
      deps.saveChat(started.saved);
      setPhase({ kind: 'chat', session: started });
      bridge.post({ type: 'chat:start', chatId: started.chatId });
    } catch {
      // Closed meanwhile (business hours) or the queue's fields changed: the customer client asked
      // the server again, and a closed queue turns the form into the message form.
      setPhase({ kind: 'prechat', error: t('prechat.failed') });
    }
  };

  const newChat = (): void => {
    deps.clearSavedChat();
    setPhase({ kind: 'prechat', error: null });
  };

  return (
    <div ref={root} className="w-app">
      <HostLink
        bridge={bridge}
        client={session?.client ?? null}
        chatId={session?.chatId ?? null}
        visible={visible}
      />
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
          renderLeaveMessage={({ chat, written, end, back }) => (
            <Part>
              <LeaveMessage
                availability="maxWait"
                nextOpenAt={null}
                initial={{
                  ...identity,
                  ...chat.preChat,
                  ...values,
                  ...(written ? { message: written } : {}),
                }}
                autoFocus
                onSend={async (message) => {
                  await customer.leaveMessage({
                    ...message,
                    queue: chat.queue,
                    locale: i18n.language,
                    reason: 'max-wait',
                  });
                  await end();
                  deps.clearSavedChat();
                }}
                onBack={back}
              />
            </Part>
          )}
          renderEnded={(chat) => (
            <Part>
              <EndOfChat
                chatId={chat.id}
                rating={chat.rating}
                customer={customer}
                // The server mails only a chat an agent took part in.
                emailEnabled={(config?.transcriptEmail ?? false) && chat.acceptedAt !== null}
                defaultEmail={chat.preChat['email'] ?? identity?.['email']}
              />
            </Part>
          )}
        />
      ) : (
        <>
          <Header
            // No one can chat now: the message form below says so, the header adds nothing to it.
            subtitle={
              (phase.kind === 'prechat' || phase.kind === 'starting') && config?.availability !== 'open'
                ? ''
                : t('header.subtitleIdle')
            }
            status="idle"
            onClose={close}
          />
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
            ) : !config ? (
              <p className="w-center" role="status">
                <span className="ui-spinner" aria-hidden="true" />
                {t('connection.connecting')}
              </p>
            ) : config.availability !== 'open' ? (
              <Part>
                <LeaveMessage
                  availability={config.availability}
                  nextOpenAt={config.nextOpenAt}
                  initial={{ ...identity, ...values }}
                  onSend={async (message) => {
                    await customer.leaveMessage({ ...message, queue: config.queue, locale: i18n.language });
                  }}
                  onCheckAgain={() => void refresh()}
                />
              </Part>
            ) : (
              <PrechatForm
                key={JSON.stringify(identity ?? {})}
                fields={config.prechat.fields}
                identity={identity}
                initialValues={values}
                busy={phase.kind === 'starting'}
                error={phase.kind === 'prechat' ? phase.error : null}
                onStart={(next) => void start(next)}
                team={config.team}
                replyEstimate={config.replyEstimate}
                greeting={config.greeting}
              />
            )}
          </main>
        </>
      )}
    </div>
  );
}
