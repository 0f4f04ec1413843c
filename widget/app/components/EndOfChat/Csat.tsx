/**
 * "How was your chat?": one to five stars (a radio group, so arrow keys work), then an optional
 * comment. One rating per chat: once given (here, or in another tab — the chat summary carries
 * it) the thanks show instead.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatRating, RateChatRequest, RateChatResponse } from '../../../../sdk/index.ts';
import type { WidgetKey } from '../../i18n/i18n.ts';

export interface CsatProps {
  rating: ChatRating | null | undefined;
  onRate: (body: RateChatRequest) => Promise<RateChatResponse>;
}

const SCORES = [1, 2, 3, 4, 5] as const;
const SCALE: Record<(typeof SCORES)[number], WidgetKey> = {
  1: 'csat.scale.1',
  2: 'csat.scale.2',
  3: 'csat.scale.3',
  4: 'csat.scale.4',
  5: 'csat.scale.5',
};
const COMMENT_MAX = 1000;

const star = (
  <svg viewBox="0 0 24 24" width="30" height="30" aria-hidden="true">
    <path d="M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4-4.7-4.4 6.4-.8z" />
  </svg>
);

export function Csat({ rating, onRate }: CsatProps) {
  const { t } = useTranslation('widget');
  const name = useId();
  const [score, setScore] = useState<number | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);
  const [given, setGiven] = useState<ChatRating | null>(null);
  const stored = given ?? rating ?? null;

  if (stored) {
    return (
      <div
        className="w-csat w-csat--done"
        role="status"
        data-testid="widget.csat.thanks"
        data-score={stored.score}
      >
        <p className="w-csat__thanks">{t('csat.thanks')}</p>
        <p className="w-csat__given">{t('csat.given', { score: stored.score })}</p>
      </div>
    );
  }

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (score === null) return;
    setSending(true);
    setFailed(false);
    try {
      const trimmed = comment.trim();
      const { rating: saved } = await onRate({ score, ...(trimmed ? { comment: trimmed } : {}) });
      setGiven(saved);
    } catch {
      setFailed(true);
    } finally {
      setSending(false);
    }
  };

  const shown = hover ?? score;
  return (
    <form className="w-csat" onSubmit={(event) => void submit(event)} data-testid="widget.csat">
      <fieldset className="w-csat__fieldset" disabled={sending}>
        <legend className="w-csat__question">{t('csat.question')}</legend>
        <div className="w-csat__stars" onMouseLeave={() => setHover(null)}>
          {SCORES.map((value) => (
            <label
              key={value}
              className="w-csat__star"
              data-on={shown !== null && value <= shown}
              onMouseEnter={() => setHover(value)}
            >
              <input
                className="ui-sr-only"
                type="radio"
                name={name}
                value={value}
                checked={score === value}
                data-testid={`widget.csat.${value}`}
                onChange={() => setScore(value)}
              />
              {star}
              <span className="ui-sr-only">{t('csat.score', { score: value, label: t(SCALE[value]) })}</span>
            </label>
          ))}
        </div>
        <p className="w-csat__label" aria-hidden="true">
          {shown !== null ? t(SCALE[shown as keyof typeof SCALE]) : ' '}
        </p>
        {score !== null && (
          <>
            <label className="ui-sr-only" htmlFor={`${name}-comment`}>
              {t('csat.comment')}
            </label>
            <textarea
              id={`${name}-comment`}
              className="w-field__input w-csat__comment"
              data-testid="widget.csat.comment"
              rows={2}
              maxLength={COMMENT_MAX}
              placeholder={t('csat.comment')}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
            <button
              type="submit"
              className="w-btn w-btn--primary w-btn--block w-csat__send"
              data-testid="widget.csat.send"
            >
              {sending ? t('csat.sending') : t('csat.send')}
            </button>
          </>
        )}
        {failed && (
          <p className="w-field__error" role="alert">
            {t('csat.failed')}
          </p>
        )}
      </fieldset>
    </form>
  );
}
