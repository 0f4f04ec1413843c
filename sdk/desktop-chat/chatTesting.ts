/** Waiting helpers of the desktop chat's Prosody tests (*.prosody.test.ts). Test code only. */
import type { DesktopChat, DesktopChatEvents } from './types.ts';

/** The next `event` whose payload passes `test`; rejects after `timeoutMs`. */
export function nextEvent<K extends keyof DesktopChatEvents>(
  chat: DesktopChat,
  event: K,
  test: (payload: DesktopChatEvents[K]) => boolean = () => true,
  timeoutMs = 8_000,
): Promise<DesktopChatEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = chat.on(event, (payload) => {
      if (!test(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** Resolves once `check()` holds, looking every 50 ms; rejects after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
