/** Renders a widget component with English translations, as the app's providers would. */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createWidgetI18n } from '../i18n/i18n.ts';

export function renderWidget(ui: ReactElement, language = 'en'): RenderResult {
  return render(<I18nextProvider i18n={createWidgetI18n(language)}>{ui}</I18nextProvider>);
}
