/**
 * What the ended chat offers besides a new one: a rating (CSAT) and a copy of the transcript.
 * Shown inside ChatScreen's "the chat has ended" panel; the customer client asks the server, with
 * the customer's session token.
 */
import type { ChatRating, CustomerClient } from '../../../../sdk/index.ts';
import { Csat } from './Csat.tsx';
import { TranscriptActions } from './TranscriptActions.tsx';
import './EndOfChat.css';

export interface EndOfChatProps {
  chatId: string;
  rating: ChatRating | null | undefined;
  customer: Pick<CustomerClient, 'transcript' | 'emailTranscript' | 'rate'>;
  emailEnabled: boolean;
  defaultEmail?: string | undefined;
}

export function EndOfChat({ chatId, rating, customer, emailEnabled, defaultEmail }: EndOfChatProps) {
  return (
    <div className="w-endofchat" data-testid="widget.endOfChat">
      <Csat rating={rating} onRate={(body) => customer.rate(body, chatId)} />
      <TranscriptActions
        download={(options) => customer.transcript({ ...options, chatId })}
        {...(emailEnabled ? { email: (body) => customer.emailTranscript(body, chatId) } : {})}
        {...(defaultEmail ? { defaultEmail } : {})}
      />
    </div>
  );
}
