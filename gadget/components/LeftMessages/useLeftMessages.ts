/**
 * The open messages customers left, kept fresh for the header badge and the Messages
 * panel: fetched when the desk comes online, every minute while the gadget is open, and whenever
 * the panel opens. Polling is enough here: a left message waits hours, not seconds.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OfflineMessage } from '../../../sdk/index.ts';
import type { LeftMessagesApi } from '../../../sdk/index.ts';

export const LEFT_MESSAGES_REFRESH_MS = 60_000;

export interface LeftMessagesState {
  messages: OfflineMessage[] | null;
  failed: boolean;
  busyId: string | null;
  refresh: () => Promise<void>;
  markHandled: (id: string) => Promise<boolean>;
}

export function useLeftMessages(port: LeftMessagesApi | undefined, online: boolean): LeftMessagesState {
  const [messages, setMessages] = useState<OfflineMessage[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const alive = useRef(true);

  const refresh = useCallback(async (): Promise<void> => {
    if (!port) return;
    try {
      const open = await port.list('open');
      if (!alive.current) return;
      setMessages([...open].sort((a, b) => a.createdAt - b.createdAt));
      setFailed(false);
    } catch {
      if (alive.current) setFailed(true);
    }
  }, [port]);

  const markHandled = useCallback(
    async (id: string): Promise<boolean> => {
      if (!port) return false;
      setBusyId(id);
      try {
        await port.markHandled(id);
        if (alive.current) setMessages((list) => list?.filter((message) => message.id !== id) ?? null);
        return true;
      } catch {
        if (alive.current) setFailed(true);
        return false;
      } finally {
        if (alive.current) setBusyId(null);
      }
    },
    [port],
  );

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (!port || !online) return;
    const tick = (): void => void refresh();
    // The first fetch right after this render, then once a minute.
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, LEFT_MESSAGES_REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [port, online, refresh]);

  return { messages, failed, busyId, refresh, markHandled };
}
