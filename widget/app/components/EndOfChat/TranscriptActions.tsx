/**
 * Keep a copy of the chat: download the transcript (the server renders it; fetched with the
 * session token in a header, then saved through a temporary object URL) or have it emailed,
 * when the server can send mail. The address is checked here as on the server.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isEmail,
  type TranscriptFile,
  type TranscriptOptions,
  type EmailTranscriptRequest,
  HybridChatError,
} from '../../../../sdk/index.ts';

export interface TranscriptActionsProps {
  download: (options: TranscriptOptions) => Promise<TranscriptFile>;
  /** Absent: emailing is off on this server. */
  email?: (body: EmailTranscriptRequest) => Promise<unknown>;
  defaultEmail?: string;
  /** Saves the file (a test replaces the browser's download). */
  save?: (file: TranscriptFile) => void;
}

export function saveFile({ blob, fileName }: TranscriptFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by then; the URL would only hold the memory.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

const timeZone = (): string | undefined => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
};

export function TranscriptActions({
  download,
  email,
  defaultEmail = '',
  save = saveFile,
}: TranscriptActionsProps) {
  const { t, i18n } = useTranslation('widget');
  const inputId = useId();
  const errorId = useId();
  const [busy, setBusy] = useState<'download' | 'email' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [emailing, setEmailing] = useState(false);
  const [address, setAddress] = useState(defaultEmail);
  const [invalid, setInvalid] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);

  // The customer asked for the address field just now: the cursor belongs there. (Not `autoFocus`:
  // in the built widget that is only the HTML attribute, which a browser ignores on a field added later.)
  useEffect(() => {
    if (emailing) field.current?.focus();
  }, [emailing]);
  const where = { locale: i18n.language, ...(timeZone() ? { timeZone: timeZone() as string } : {}) };

  const fetchAndSave = async (): Promise<void> => {
    setBusy('download');
    setProblem(null);
    try {
      save(await download({ format: 'txt', ...where }));
    } catch {
      setProblem(t('endOfChat.downloadFailed'));
    } finally {
      setBusy(null);
    }
  };

  const send = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const to = address.trim();
    if (!isEmail(to)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setBusy('email');
    setProblem(null);
    try {
      await email?.({ email: to, ...where });
      setSentTo(to);
      setEmailing(false);
    } catch (error) {
      const limited = error instanceof HybridChatError && error.code === 'RATE_LIMITED';
      setProblem(limited ? t('endOfChat.emailLimited') : t('endOfChat.emailFailed'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="w-transcript" data-testid="widget.transcript">
      <div className="w-transcript__buttons">
        <button
          type="button"
          className="w-btn w-btn--secondary w-transcript__button"
          data-testid="widget.transcript.download"
          disabled={busy !== null}
          onClick={() => void fetchAndSave()}
        >
          {busy === 'download' ? t('endOfChat.downloading') : t('endOfChat.download')}
        </button>
        {email && !emailing && (
          <button
            type="button"
            className="w-btn w-btn--secondary w-transcript__button"
            data-testid="widget.transcript.email"
            aria-expanded={false}
            onClick={() => {
              setEmailing(true);
              setSentTo(null);
            }}
          >
            {t('endOfChat.email')}
          </button>
        )}
      </div>
      {emailing && (
        <form className="w-transcript__email" onSubmit={(event) => void send(event)} noValidate>
          <label className="w-field__label" htmlFor={inputId}>
            {t('endOfChat.emailLabel')}
          </label>
          <div className="w-transcript__row">
            <input
              id={inputId}
              className="w-field__input"
              data-testid="widget.transcript.address"
              type="email"
              autoComplete="email"
              inputMode="email"
              ref={field}
              value={address}
              aria-invalid={invalid}
              aria-describedby={invalid ? errorId : undefined}
              placeholder={t('fields.emailPlaceholder')}
              onChange={(event) => setAddress(event.target.value)}
            />
            <button
              type="submit"
              className="w-btn w-btn--primary"
              data-testid="widget.transcript.send"
              disabled={busy !== null}
            >
              {busy === 'email' ? t('endOfChat.emailSending') : t('endOfChat.emailSend')}
            </button>
          </div>
          {invalid && (
            <p id={errorId} className="w-field__error" role="alert">
              {t('fields.invalidEmail')}
            </p>
          )}
        </form>
      )}
      {sentTo && (
        <p className="w-transcript__sent" role="status" data-testid="widget.transcript.sent">
          {t('endOfChat.emailSent', { email: sentTo })}
        </p>
      )}
      {problem && (
        <p className="w-field__error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
