/**
 * The list of `/shortcode` completions above the reply box (the listbox of the box's combobox,
 * see useCannedCompletion). Options show the shortcode, title and the start of the text; a click
 * inserts (mousedown is held back so the box keeps the focus). Rendered as text only.
 */
import { useTranslation } from 'react-i18next';
import { cannedTitle, fillPlaceholders } from '../../../sdk/index.ts';
import type { CannedCompletion } from './useCannedCompletion.ts';
import './CannedMenu.css';

export interface CannedMenuProps {
  completion: CannedCompletion;
  listId: string;
  values: { customerName: string; agentName: string };
}

export function CannedMenu({ completion, listId, values }: CannedMenuProps) {
  const { t, i18n } = useTranslation('gadget');
  if (!completion.open) return null;
  return (
    <div className="hc-canned" data-testid="gadget.canned">
      <ul id={listId} role="listbox" aria-label={t('canned.label')} className="hc-canned__list">
        {completion.options.map((message, index) => (
          <li
            key={`${message.shortcode}-${message.title}`}
            id={completion.optionId(index)}
            role="option"
            aria-selected={index === completion.active}
            className="hc-canned__option"
            data-testid="gadget.canned.option"
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => completion.setActive(index)}
            onClick={() => completion.choose(index)}
          >
            <span className="hc-canned__code">/{message.shortcode}</span>
            <span className="hc-canned__title">{cannedTitle(message, i18n.language)}</span>
            <span className="hc-canned__text">{fillPlaceholders(message.text, values)}</span>
          </li>
        ))}
      </ul>
      <p className="hc-canned__hint" role="status">
        {t('canned.hint')}
      </p>
    </div>
  );
}
