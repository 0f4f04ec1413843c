/**
 * Boots one gadget instance: signs in (with a Retry on failure), then renders the workspace inside
 * this instance's providers. The gadget's page takes the language and writing direction of the
 * agent's Finesse locale (right to left for Arabic and Urdu), so dialogs and scrollbars follow too.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BootPanel, type BootPhase } from './components/BootPanel/BootPanel.tsx';
import { useAutoHeight } from './hooks/useAutoHeight.ts';
import { GadgetProvider } from './stores/gadgetContext.tsx';
import { textDirection } from './i18n/i18n.ts';
import { bootErrorOf, type GadgetSession } from './session.ts';
import { Workspace } from './Workspace.tsx';

/** How long a transient sign-in failure waits before the gadget tries again on its own. */
const AUTO_RETRY_MS = 5000;

export interface AppProps {
  /** Starts a session; null when the configuration has no chat server address. */
  start: (() => Promise<GadgetSession>) | null;
}

export function App({ start }: AppProps) {
  const [phase, setPhase] = useState<BootPhase>(
    start ? { kind: 'signing-in' } : { kind: 'error', reason: 'noServer' },
  );
  const [session, setSession] = useState<GadgetSession | null>(null);
  const [attempt, setAttempt] = useState(0);
  const shell = useRef<HTMLElement>(null);
  useAutoHeight(shell);
  const { i18n } = useTranslation('gadget');
  const dir = textDirection(i18n);
  const lang = i18n.resolvedLanguage ?? i18n.language;

  // Each copy of the gadget has its own iframe, so its own document to set.
  useEffect(() => {
    document.documentElement.dir = dir;
    document.documentElement.lang = lang;
  }, [dir, lang]);

  useEffect(() => {
    if (!start) return;
    let cancelled = false;
    let started: GadgetSession | null = null;
    start().then(
      (result) => {
        if (cancelled) return result.close();
        started = result;
        setSession(result);
      },
      (error: unknown) => {
        if (!cancelled) setPhase(bootErrorOf(error));
      },
    );
    return () => {
      cancelled = true;
      started?.close();
    };
  }, [start, attempt]);

  const retry = useCallback(() => {
    setPhase({ kind: 'signing-in' });
    setAttempt((n) => n + 1);
  }, []);

  // Passing troubles (no network, Finesse failing over) retry by themselves; a refused sign-in waits for the agent.
  const transient =
    phase.kind === 'error' && (phase.reason === 'unreachable' || phase.reason === 'finesseUnavailable');
  useEffect(() => {
    if (!transient) return;
    const timer = setTimeout(retry, AUTO_RETRY_MS);
    return () => clearTimeout(timer);
  }, [transient, retry]);

  if (session) {
    return (
      <GadgetProvider services={session.services}>
        <Workspace />
      </GadgetProvider>
    );
  }
  return (
    <main ref={shell} className="hc-gadget" dir={dir} lang={lang}>
      <BootPanel phase={phase} onRetry={phase.kind === 'error' && start ? retry : undefined} />
    </main>
  );
}
