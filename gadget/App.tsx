/**
 * Boots one gadget instance: signs in (with a Retry on failure), then renders the workspace inside
 * this instance's providers.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { BootPanel, type BootPhase } from './components/BootPanel/BootPanel.tsx';
import { useAutoHeight } from './hooks/useAutoHeight.ts';
import { GadgetProvider } from './stores/gadgetContext.tsx';
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
  const shell = useRef<HTMLDivElement>(null);
  useAutoHeight(shell);

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
    <div ref={shell} className="hc-gadget">
      <BootPanel phase={phase} onRetry={phase.kind === 'error' && start ? retry : undefined} />
    </div>
  );
}
