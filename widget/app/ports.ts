/** What the widget app uses of the SDK chat client (tests pass a fake with the same shape). */
import type { ChatClient } from '../../sdk/index.ts';

export type ChatClientPort = Pick<
  ChatClient,
  | 'getState'
  | 'subscribe'
  | 'on'
  | 'send'
  | 'retry'
  | 'setTyping'
  | 'end'
  | 'sendFile'
  | 'fileUrl'
  | 'markRead'
>;
