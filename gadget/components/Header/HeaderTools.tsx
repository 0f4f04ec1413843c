/**
 * Two quiet icon buttons in the header that open the gadget's settings and its keyboard-shortcut
 * list. Each is a disclosure (`aria-expanded`): the panel opens in the page flow under the header,
 * never as an overlay, because the gadget's iframe is exactly as tall as its content.
 */
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';

export type HeaderPanel = 'settings' | 'shortcuts';

export interface HeaderToolsProps {
  open: HeaderPanel | null;
  onToggle: (panel: HeaderPanel) => void;
  panelId: (panel: HeaderPanel) => string;
  /** Where focus goes back when a panel closes with Escape. */
  buttonRefs: Record<HeaderPanel, RefObject<HTMLButtonElement | null>>;
}

const ICONS: Record<HeaderPanel, string> = {
  // A gear.
  settings:
    'M10 6.6a3.4 3.4 0 1 0 0 6.8 3.4 3.4 0 0 0 0-6.8Zm7.2 4.5-.1-2.2 1.7-1.4-1.8-3.1-2.1.7a6.8 6.8 0 0 0-1.9-1.1L12.6 2H9l-.4 2a6.8 6.8 0 0 0-1.9 1.1l-2.1-.7-1.8 3.1 1.7 1.4a6.8 6.8 0 0 0 0 2.2l-1.7 1.4 1.8 3.1 2.1-.7c.6.5 1.2.8 1.9 1.1l.4 2h3.6l.4-2c.7-.3 1.3-.6 1.9-1.1l2.1.7 1.8-3.1-1.7-1.4Z',
  // A keyboard.
  shortcuts:
    'M2.5 5h15a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1h-15a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm2 2.5v1.5H6V7.5H4.5Zm3 0v1.5H9V7.5H7.5Zm3 0v1.5H12V7.5h-1.5Zm3 0v1.5H15V7.5h-1.5Zm-9 3v1.5H6v-1.5H4.5Zm9 0v1.5H15v-1.5h-1.5Zm-6 0v1.5h4.5v-1.5H7.5Z',
};

export function HeaderTools({ open, onToggle, panelId, buttonRefs }: HeaderToolsProps) {
  const { t } = useTranslation('gadget');
  return (
    <div className="hc-header__tools">
      {(['shortcuts', 'settings'] as const).map((panel) => {
        const label = panel === 'settings' ? t('settings.open') : t('shortcuts.open');
        return (
          <button
            key={panel}
            ref={buttonRefs[panel]}
            type="button"
            className={`hc-iconbtn${open === panel ? ' hc-iconbtn--on' : ''}`}
            data-testid={`gadget.${panel}.toggle`}
            aria-expanded={open === panel}
            aria-controls={open === panel ? panelId(panel) : undefined}
            aria-label={label}
            title={label}
            onClick={() => onToggle(panel)}
          >
            <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
              <path
                d={ICONS[panel]}
                fill={panel === 'settings' ? 'none' : 'currentColor'}
                stroke={panel === 'settings' ? 'currentColor' : 'none'}
                strokeWidth="1.4"
                strokeLinejoin="round"
                fillRule="evenodd"
              />
            </svg>
          </button>
        );
      })}
    </div>
  );
}
