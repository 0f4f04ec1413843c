/**
 * The list of the gadget's keyboard shortcuts (see hooks/useShortcuts.ts for why these keys), with
 * key names in the agent's language ("Strg" on a German keyboard).
 */
import { useTranslation } from 'react-i18next';
import { shortcutLabel } from '../../hooks/useShortcuts.ts';
import './ShortcutHelp.css';

export function ShortcutHelp({ maxChats }: { maxChats: number }) {
  const { t } = useTranslation('gadget');
  const last = Math.min(Math.max(maxChats, 1), 9);
  const rows: { keys: string[]; what: string }[] = [
    {
      keys: [shortcutLabel(t, ['alt'], '1'), '…', shortcutLabel(t, ['alt'], String(last))],
      what: t('shortcuts.goTo', { max: last }),
    },
    { keys: [shortcutLabel(t, ['ctrl'], '[')], what: t('shortcuts.previous') },
    { keys: [shortcutLabel(t, ['ctrl'], ']')], what: t('shortcuts.next') },
    { keys: [shortcutLabel(t, ['alt'], 'A')], what: t('shortcuts.accept') },
    { keys: ['←', '→', 'Home', 'End'], what: t('shortcuts.tabs') },
    { keys: [t('keys.enter')], what: t('shortcuts.send') },
    { keys: [shortcutLabel(t, ['shift'], t('keys.enter'))], what: t('shortcuts.newLine') },
  ];
  return (
    <dl className="hc-shortcuts" data-testid="gadget.shortcuts.list">
      {rows.map((row) => (
        <div key={row.what} className="hc-shortcuts__row">
          <dt className="hc-shortcuts__keys" dir="ltr">
            {row.keys.map((key) => (key === '…' ? <span key={key}>…</span> : <kbd key={key}>{key}</kbd>))}
          </dt>
          <dd className="hc-shortcuts__what">{row.what}</dd>
        </div>
      ))}
    </dl>
  );
}
