/** Renders a gadget component with English translations, as the gadget's providers would. */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createGadgetI18n } from '../i18n/i18n.ts';

export function renderGadget(ui: ReactElement, language = 'en'): RenderResult {
  const i18n = createGadgetI18n(language);
  // As a wrapper, so that `rerender(ui)` keeps the provider (and the component keeps its state).
  return render(ui, { wrapper: ({ children }) => <I18nextProvider i18n={i18n}>{children}</I18nextProvider> });
}
