/**
 * Who answers, above the pre-chat form: the team's avatars and name (the queues file's `team`) and
 * how soon it usually replies (the server's estimate for a chat started now). The avatars are
 * decoration: the name and the reply time are what a screen reader hears.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaitEstimate, WidgetConfigResponse } from '../../../../sdk/index.ts';

export interface TeamIntroProps {
  team?: WidgetConfigResponse['team'] | undefined;
  replyEstimate?: WaitEstimate | undefined;
}

/** The estimate in words: its middle, in whole minutes. */
export function replyTime(estimate: WaitEstimate): {
  key: 'underMinute' | 'minutes' | 'overHour';
  count: number;
} {
  const minutes = Math.max(1, Math.round((estimate.minS + estimate.maxS) / 2 / 60));
  if (estimate.maxS <= 60) return { key: 'underMinute', count: 0 };
  if (minutes > 60) return { key: 'overHour', count: 60 };
  return { key: 'minutes', count: minutes };
}

function Avatar({ avatar }: { avatar: string }) {
  const [broken, setBroken] = useState(false);
  if (!avatar.startsWith('https://')) return <span className="w-team__avatar">{avatar}</span>;
  if (broken) return null;
  return (
    <img
      className="w-team__avatar"
      src={avatar}
      alt=""
      width={36}
      height={36}
      referrerPolicy="no-referrer"
      onError={() => setBroken(true)}
    />
  );
}

export function TeamIntro({ team, replyEstimate }: TeamIntroProps) {
  const { t } = useTranslation('widget');
  const avatars = team?.avatars.slice(0, 5) ?? [];
  if (!team?.name && avatars.length === 0 && !replyEstimate) return null;
  const reply = replyEstimate ? replyTime(replyEstimate) : null;
  return (
    <section className="w-team" data-testid="widget.team" aria-label={t('team.label')}>
      {avatars.length > 0 && (
        <span className="w-team__avatars" aria-hidden="true">
          {avatars.map((avatar, index) => (
            <Avatar key={`${index}-${avatar}`} avatar={avatar} />
          ))}
        </span>
      )}
      <div className="w-team__text">
        {team?.name && (
          // Isolated: a name in another script than the widget's keeps its own order, not its alignment.
          <p className="w-team__name">
            <bdi>{team.name}</bdi>
          </p>
        )}
        {reply && (
          <p className="w-team__reply" data-testid="widget.team.reply">
            <span className="w-team__dot" aria-hidden="true" />
            {reply.key === 'minutes'
              ? t('team.replyMinutes', { count: reply.count })
              : reply.key === 'underMinute'
                ? t('team.replyUnderMinute')
                : t('team.replyOverHour')}
          </p>
        )}
      </div>
    </section>
  );
}
