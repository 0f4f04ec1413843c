/**
 * Entry of the agent gadget (loaded by gadget.xml as a module after finesse.js). The Finesse
 * container calls `gadgets.HubSettings.onConnect` once its hub is ready; only then may the gadget
 * use finesse.js (docs/requirements.md, "The gadget in the Finesse desktop").
 */
import '../ui/ui.css';
import './gadget.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { languageOf } from '../ui/i18n/appI18n.ts';
import { App } from './App.tsx';
import { BootPanel } from './components/BootPanel/BootPanel.tsx';
import {
  adjustHeight,
  authorizationHeader,
  chatServerUrl,
  followMaxAvailableHeight,
  gadgetHeight,
  readContainer,
  setGadgetHeight,
} from './container.ts';
import { ensureFinesseJs } from './finesseFallback.ts';
import { createGadgetI18n } from './i18n/i18n.ts';
import { startGadgetSession } from './session.ts';
import type { ChatServerDirectory } from './desktopChat/port.ts';
import { desktopChatSetup } from './desktopChat/setup.ts';
import { createFinesseJsAdapter, type FinesseJsGlobal } from '../sdk/index.ts';

const MOUNT_ID = 'hybrid-chat-gadget';

function mountPoint(): HTMLElement {
  const existing = document.getElementById(MOUNT_ID);
  if (existing) return existing;
  const element = document.createElement('div');
  element.id = MOUNT_ID;
  document.body.append(element);
  return element;
}

function dismissLoadingIndicator(): void {
  try {
    globalThis.gadgets?.loadingindicator?.dismiss();
  } catch (error) {
    console.warn('[hybrid-chat gadget] could not dismiss the loading indicator', error);
  }
}

function showOutsideFinesse(): void {
  const i18n = createGadgetI18n(languageOf(navigator.language));
  createRoot(mountPoint()).render(
    <I18nextProvider i18n={i18n}>
      <div className="hc-gadget">
        <BootPanel phase={{ kind: 'outside-finesse' }} />
      </div>
    </I18nextProvider>,
  );
}

function init(container: NonNullable<ReturnType<typeof readContainer>>): void {
  const { finesse, gadgets } = container;
  const cfg = finesse.gadget.Config;
  finesse.clientservices.ClientServices.init(cfg, false);
  const { ContainerServices } = finesse.containerservices;
  const containerServices = ContainerServices.init();
  // A stable height from the gadget's preference: the chat scrolls inside, the desktop does not.
  const preferredHeight = gadgetHeight(gadgets);
  setGadgetHeight(preferredHeight);
  // Less when the desktop has less room (a short window), so Send and Accept stay on screen.
  followMaxAvailableHeight(containerServices, ContainerServices.Topics, preferredHeight);
  // Resize again whenever our tab becomes visible (the container may have sized a hidden tab at 0).
  containerServices.addHandler(ContainerServices.Topics.ACTIVE_TAB, () => adjustHeight());
  containerServices.makeActiveTabReq();

  let chatUrl: string | null = null;
  let badPref: unknown = null;
  try {
    chatUrl = chatServerUrl(gadgets, location.protocol);
  } catch (error) {
    // A broken proxy map or gadget.xml default: show the agent why instead of dialling garbage.
    console.error('[hybrid-chat gadget]', error);
    badPref = error;
  }
  const authorization = authorizationHeader(finesse, cfg);
  // One finesse.js observer for the gadget's life: voice state and calls for media blending.
  // `User` and its dialogs (voice state for media blending), typed by the SDK adapter; the global
  // declaration leaves `restservices` out so it does not clash with the simulator's own typing.
  // On Finesse 10.x (no `Utilities.getAuthHeaderString`) the adapter builds the header from `cfg`.
  const { restservices } = finesse as { restservices?: FinesseJsGlobal['restservices'] };
  const voice = restservices
    ? createFinesseJsAdapter({ finesse: { restservices, utilities: finesse.utilities }, config: cfg })
    : undefined;
  const desktopChat = (directory: ChatServerDirectory) =>
    desktopChatSetup(gadgets, location.protocol, directory);
  const start = chatUrl
    ? () => startGadgetSession({ chatUrl, agentId: cfg.id, authorization, voice, desktopChat })
    : badPref
      ? () => Promise.reject(badPref)
      : null;
  const i18n = createGadgetI18n(languageOf(cfg.locale));
  document.documentElement.lang = i18n.language;

  createRoot(mountPoint()).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App start={start} />
      </I18nextProvider>
    </StrictMode>,
  );
  dismissLoadingIndicator();
}

function boot(): void {
  const container = readContainer();
  if (!container) {
    dismissLoadingIndicator();
    showOutsideFinesse();
    return;
  }
  let started = false;
  const initOnce = (): void => {
    if (started) return;
    started = true;
    init(container);
  };
  container.gadgets.HubSettings.onConnect = initOnce;
  // A module script can run after the hub connected (e.g. from cache); then onConnect never fires.
  if (container.gadgets.Hub?.isConnected?.()) initOnce();
}

// On Finesse 10.5(1) gadget.xml's finesse.js import fails: load the administrator's copy first.
if (globalThis.finesse) boot();
else void ensureFinesseJs().then(boot, boot);
