// Types the widget's translation keys from en.json (the `widget` namespace).
import type en from './locales/en.json';

declare module 'i18next' {
  interface ResourceNamespaceMap {
    widget: typeof en;
  }
}
