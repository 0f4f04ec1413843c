/**
 * Provides one gadget instance's services to its components. Each mounted gadget has its own store
 * and chat client, so two copies in one desktop never share state.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { ChatClientPort } from '../chat/ports.ts';
import type { DesktopChatSetup } from '../desktopChat/useGadgetDesktopChat.tsx';
import type { GadgetActions, GadgetState, GadgetStore } from './gadgetStore.ts';
import type { AgentApi, SupervisorClient } from '../../sdk/index.ts';
import { useAgent } from '../../sdk/react/index.ts';

export interface GadgetServices {
  store: GadgetStore;
  client: ChatClientPort;
  agent: { id: string; name: string };
  /** Canned messages and the customer panel over HTTP (gadget/desk); absent in some tests. */
  desk?: AgentApi;
  /** Team view, monitor, barge-in, transfer: only for a Finesse Supervisor (components/Supervisor). */
  supervisor?: SupervisorClient;
  /** Desktop Chat with colleagues over XMPP (gadget/desktopChat); absent when not configured. */
  desktopChat?: DesktopChatSetup;
}

const GadgetContext = createContext<GadgetServices | null>(null);

export function GadgetProvider({ services, children }: { services: GadgetServices; children: ReactNode }) {
  return <GadgetContext value={services}>{children}</GadgetContext>;
}

export function useGadget(): GadgetServices {
  const services = useContext(GadgetContext);
  if (!services) throw new Error('[hybrid-chat gadget] useGadget() outside <GadgetProvider>');
  return services;
}

/** Select from this gadget's store; return a primitive or a stable reference from the state. */
export function useGadgetStore<T>(selector: (state: GadgetState & GadgetActions) => T): T {
  return useAgent(useGadget().store, selector);
}
