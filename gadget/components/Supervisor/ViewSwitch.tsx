/**
 * For supervisors only: switches the gadget between the agent's own chats and the team view.
 * Two toggle buttons (aria-pressed) in a labelled group; offers stay visible in both views.
 */
import { useTranslation } from 'react-i18next';

export type WorkspaceView = 'chats' | 'team';

export function ViewSwitch({
  view,
  onChange,
}: {
  view: WorkspaceView;
  onChange: (view: WorkspaceView) => void;
}) {
  const { t } = useTranslation('gadget');
  return (
    <div className="hc-view-switch" role="group" aria-label={t('supervisor.views')}>
      {(['chats', 'team'] as const).map((name) => (
        <button
          key={name}
          type="button"
          className={`hc-btn ${view === name ? 'hc-btn--primary' : 'hc-btn--secondary'}`}
          aria-pressed={view === name}
          onClick={() => onChange(name)}
          data-testid={`gadget.view.${name}`}
        >
          {t(`supervisor.view.${name}`)}
        </button>
      ))}
    </div>
  );
}
