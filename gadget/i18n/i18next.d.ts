// Types the gadget's translation keys from en.json (the `gadget` namespace).
import type en from './locales/en.json';

declare module 'i18next' {
  interface ResourceNamespaceMap {
    gadget: typeof en;
  }
}
