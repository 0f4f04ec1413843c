/**
 * What the host page told us about the customer (`HybridChat.identify({ name, email, … })`), checked
 * by the bridge. Kept in memory only: it is the host's data, and nothing is stored before consent.
 */
import { useEffect, useState } from 'react';
import type { HostBridge, Identity } from '../hostBridge.ts';

export function useHostIdentity(bridge: HostBridge): Identity | null {
  const [identity, setIdentity] = useState<Identity | null>(null);
  useEffect(() => bridge.onIdentify((next) => setIdentity(Object.keys(next).length ? next : null)), [bridge]);
  return identity;
}
