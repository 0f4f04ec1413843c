/** Desktop Chat for this gadget from its preferences: a port, the reason it cannot start, or nothing (off). */
import type { GadgetPrefsSource } from '../../sdk/index.ts';
import { readDesktopChatConfig } from './config.ts';
import { createDesktopChatPort, type ChatServerDirectory } from './port.ts';
import type { DesktopChatSetup } from './useGadgetDesktopChat.tsx';

export function desktopChatSetup(
  gadgets: GadgetPrefsSource | null | undefined,
  pageProtocol: string,
  directory?: ChatServerDirectory,
): DesktopChatSetup | undefined {
  try {
    const config = readDesktopChatConfig(gadgets, pageProtocol);
    return config ? { port: createDesktopChatPort(config, directory), config } : undefined;
  } catch (error) {
    // A broken preference: the button stays, and its panel says which preference and why.
    console.error('[hybrid-chat gadget] Desktop Chat', error);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
