/**
 * The Desktop Chat contact list alone, for bench/desktopChatRoster.ts: `?n=2000` contacts in 20
 * groups, rendered as the gadget renders it (the real ContactList with its windowing, the gadget's
 * CSS and translations). Stamps `__rosterPaintMs`: from before the render to the frame after it.
 */
import '../../ui/ui.css';
import '../../gadget/gadget.css';
import '../../gadget/desktopChat/DesktopChat.css';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { ContactList } from '../../gadget/desktopChat/contacts/ContactList.tsx';
import { rosterRows } from '../../gadget/desktopChat/contacts/rosterRows.ts';
import { createGadgetI18n } from '../../gadget/i18n/i18n.ts';
import type { CombinedPresence, RosterItem } from '../../sdk/desktop-chat/index.ts';

const count = Number(new URLSearchParams(location.search).get('n') ?? '20');
const roster: RosterItem[] = Array.from({ length: count }, (_, i) => ({
  jid: `agent${i}@bench.test`,
  name: `Agent ${i}`,
  groups: [`Team ${i % 20}`],
  subscription: 'both',
  pendingOut: false,
}));
const presences = new Map<string, CombinedPresence>(
  roster.map((item, i) => [
    item.jid,
    { availability: (['available', 'away', 'dnd', 'offline'] as const)[i % 4] ?? 'offline' },
  ]),
);
const w = window as Window & { __rosterPaintMs?: number; __rosterRows?: number };
const i18n = createGadgetI18n('en');
const mount = document.getElementById('root');
const started = performance.now();
if (mount) {
  const rows = rosterRows({
    roster,
    presences,
    recent: [],
    collapsed: new Set(),
    filter: '',
    ungrouped: 'Contacts',
  });
  createRoot(mount).render(
    <I18nextProvider i18n={i18n}>
      <main className="hc-gadget" style={{ height: 600, display: 'flex', flexDirection: 'column' }}>
        <div
          className="dc-contactsArea"
          style={{ flex: '1 1 0', minHeight: 0, display: 'flex', flexDirection: 'column' }}
        >
          <ContactList
            rows={rows}
            selected={new Set()}
            onSelect={() => {}}
            onOpen={() => {}}
            onToggleGroup={() => {}}
            groupLabel={(group) => group}
            contactMenu={() => []}
            groupMenu={() => []}
          />
        </div>
      </main>
    </I18nextProvider>,
  );
  const check = () => {
    if (document.querySelector('[data-testid="dc.contact"]')) {
      requestAnimationFrame(() => {
        w.__rosterPaintMs = performance.now() - started;
        w.__rosterRows = document.querySelectorAll('[role="treeitem"]').length;
      });
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}
