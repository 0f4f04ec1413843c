/**
 * Entry of the widget's chat app (runs in the loader's iframe at `/widget/`). The build runs it on
 * preact/compat, not React (vite.config.ts); the unit tests run the same components on React.
 */
import '../../ui/ui.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { languageOf } from '../../ui/i18n/appI18n.ts';
import { linkColorOn, readConfig, textColorOn } from './config.ts';
import { createHostBridge } from './hostBridge.ts';
import { createWidgetI18n } from './i18n/i18n.ts';
import { createBrowserNetwork, createCustomerClient } from '../../sdk/index.ts';
import {
  clearSavedChat,
  loadSavedChat,
  OUTBOX_KEY,
  outboxStorage,
  saveChat,
  watchSavedChat,
} from './storage.ts';
import { WidgetApp, type WidgetDeps } from './WidgetApp.tsx';

const config = readConfig(location.href, navigator.language);
const i18n = createWidgetI18n(languageOf(config.locale));
const bridge = createHostBridge(config.parentOrigin);
const customer = createCustomerClient({
  serverUrl: config.serverUrl,
  ...(config.queue ? { queue: config.queue } : {}),
  locale: i18n.language,
  // Messages written offline survive a reload (only with the customer's consent, storage.ts).
  outbox: { storage: outboxStorage, key: OUTBOX_KEY },
  network: createBrowserNetwork(),
  onError: (error) => console.warn('[hybrid-chat widget]', error),
});
const deps: WidgetDeps = {
  loadSavedChat: () => loadSavedChat(),
  saveChat: (saved) => saveChat(saved),
  clearSavedChat: () => clearSavedChat(),
  watchSavedChat: (listener) => watchSavedChat(listener),
};

const accentText = textColorOn(config.color);
const style = document.documentElement.style;
style.setProperty('--w-accent', config.color);
style.setProperty('--w-accent-text', accentText);
style.setProperty('--w-accent-ring', `color-mix(in srgb, ${config.color} 35%, transparent)`);
style.setProperty('--w-link', linkColorOn(config.color));
document.documentElement.lang = i18n.language;
document.title = i18n.t('header.title');

// The chat connection's code is not needed for the form: fetch it as soon as the customer starts
// using the form, so that starting the chat does not wait for it.
const prefetchConnection = () => void customer.prepare();
for (const type of ['pointerdown', 'keydown', 'input']) {
  document.addEventListener(type, prefetchConnection, { once: true, capture: true, passive: true });
}

const mount = document.getElementById('root');
if (mount) {
  createRoot(mount).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <WidgetApp customer={customer} bridge={bridge} deps={deps} />
      </I18nextProvider>
    </StrictMode>,
  );
}
