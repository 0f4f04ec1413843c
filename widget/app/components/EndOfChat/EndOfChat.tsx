/**
 * What the ended chat offers besides a new one: a rating (CSAT) and a copy of the transcript.
 * Shown inside ChatScreen's "the chat has ended" panel; talks to the server over HTTP with the
 * customer's session token (sdk/transport/conversationApi.ts).
 */
import type { ChatRating, ConversationApi } from '../../../../sdk/index.ts';
import { Csat } from './Csat.tsx';
import { TranscriptActions } from './TranscriptActions.tsx';
import './EndOfChat.css';

export interface EndOfChatProps {
  chatId: string;
  rating: ChatRating | null | undefined;
  api: Pick<ConversationApi, 'transcript' | 'emailTranscript' | 'rate'>;
  /** The customer's current session token. */
  token: () => string;
  emailEnabled: boolean;
  defaultEmail?: string | undefined;
}

export function EndOfChat({ chatId, rating, api, token, emailEnabled, defaultEmail }: EndOfChatProps) {
  return (
    <div className="w-endofchat" data-testid="widget.endOfChat">
      <Csat rating={rating} onRate={(body) => api.rate(token(), chatId, body)} />
      <TranscriptActions
        download={(options) => api.transcript(token(), chatId, options)}
        {...(emailEnabled ? { email: (body) => api.emailTranscript(token(), chatId, body) } : {})}
        {...(defaultEmail ? { defaultEmail } : {})}
      />
    </div>
  );
}
