import type { FinesseNamespace } from './finesse/types.ts';

/** finesse.js, loaded by the desktop page as a classic script before this module. */
export function finesseGlobal(): FinesseNamespace {
  const finesse = (window as unknown as { finesse?: FinesseNamespace }).finesse;
  if (!finesse?.restservices?.User) throw new Error('[desktop] finesse.js is not loaded');
  return finesse;
}
