import { h } from './dom.ts';

/**
 * `ContainerServices.showDialog({ title, message, isBlocking })`: the desktop's modal, the
 * sanctioned alternative to `alert` in a gadget (docs/requirements.md). A blocking one has no close button.
 */
let current: HTMLElement | undefined;

export function showGadgetDialog(options: { title: string; message: string; isBlocking: boolean }): void {
  hideGadgetDialog();
  const close = options.isBlocking
    ? null
    : h(
        'button',
        { type: 'button', className: 'button button-primary', onclick: () => hideGadgetDialog() },
        'OK',
      );
  current = h(
    'div',
    { className: 'dialog-backdrop' },
    h(
      'div',
      { className: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'gadget-dialog-title' },
      h('h2', { id: 'gadget-dialog-title', className: 'dialog-title' }, options.title),
      h('p', { className: 'dialog-message' }, options.message),
      close ? h('div', { className: 'dialog-actions' }, close) : null,
    ),
  );
  document.body.append(current);
  close?.focus();
}

export function hideGadgetDialog(): void {
  current?.remove();
  current = undefined;
}
