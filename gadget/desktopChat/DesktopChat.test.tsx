// @vitest-environment jsdom
/** Desktop Chat in the gadget, over a fake DesktopChat and the SDK's conversations store. */
import { act, cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { XmppAuthError } from '../../sdk/desktop-chat/index.ts';
import { contact, fakeDesktopChat } from './testing/fakeDesktopChat.ts';
import { as, renderDesktopChat, signIn } from './testing/harness.tsx';

afterEach(cleanup);

const ADA = 'ada@finesse.test';
const LINUS = 'linus@finesse.test';
const ROSTER = [
  contact(ADA, 'Ada Lovelace', ['Billing']),
  contact(LINUS, 'Linus Torvalds', ['Billing', 'Experts']),
  contact('alan@finesse.test', 'Alan Turing', ['Experts']),
];

const contactRows = () => screen.queryAllByTestId('dc.contact');
const rowOf = (jid: string, group: string) => {
  const found = contactRows().find((row) => row.dataset.jid === jid && row.dataset.group === group);
  if (!found) throw new Error(`${jid} is not in ${group}`);
  return found;
};

describe('Desktop Chat: button and sign-in', () => {
  it('has no button when it is not configured', () => {
    renderDesktopChat(ROSTER, { configured: false });
    expect(screen.queryByTestId('dc.button')).toBeNull();
  });

  it('signs in with its own form (no SSO), says why a refusal happened, and remembers the username only if asked', async () => {
    const user = userEvent.setup();
    const chat = fakeDesktopChat(ROSTER);
    chat.failStartWith = new XmppAuthError('not-authorized');
    const { stored } = renderDesktopChat(ROSTER, { chat });
    await user.click(screen.getByTestId('dc.button'));
    expect(screen.getByTestId('dc.button').getAttribute('aria-expanded')).toBe('true');
    // The panel loads when first opened.
    expect((await screen.findByTestId('dc.signIn')).textContent).toMatch(/single sign-on is not supported/);
    await user.click(screen.getByTestId('dc.signIn.submit'));
    expect(screen.getByTestId('dc.signIn.problem').textContent).toContain(
      'Enter your username and password.',
    );
    await user.type(screen.getByTestId('dc.signIn.username'), 'grace');
    await user.type(screen.getByTestId('dc.signIn.password'), 'wrong');
    await user.click(screen.getByTestId('dc.signIn.remember'));
    await user.click(screen.getByTestId('dc.signIn.submit'));
    expect((await screen.findByTestId('dc.signIn.problem')).textContent).toContain(
      'The username or password is not correct.',
    );
    // What was typed stays; the username is remembered, the password never.
    expect((screen.getByTestId('dc.signIn.username') as HTMLInputElement).value).toBe('grace');
    expect([...stored.values()]).toEqual(['grace']);

    chat.failStartWith = null;
    await user.click(screen.getByTestId('dc.signIn.submit'));
    expect((await screen.findByTestId('dc.presence')).isConnected).toBe(true);
    expect((screen.getByTestId('dc.presence.select') as HTMLInputElement).value).toBe('available');
  });
});

describe('Desktop Chat: contacts', () => {
  it('lists groups with presence and status text, collapses them by click and keyboard, and filters', async () => {
    const user = userEvent.setup();
    const { chat } = renderDesktopChat(ROSTER);
    await signIn(user);
    as(() => chat.presenceChanged(ADA, 'away', 'at lunch'));
    as(() => chat.presenceChanged(LINUS, 'dnd'));
    const ada = rowOf(ADA, 'Billing');
    expect(within(ada).getByTestId('dc.contact.status').textContent).toContain('Away: at lunch');
    expect(ada.getAttribute('data-availability')).toBe('away');
    expect(within(rowOf(LINUS, 'Experts')).getByTestId('dc.contact.status').textContent).toContain(
      'Do not disturb',
    );
    // Linus is in two groups: listed in each.
    expect(contactRows().filter((row) => row.dataset.jid === LINUS)).toHaveLength(2);

    const billing = screen.getAllByTestId('dc.group').find((g) => g.dataset.group === 'Billing')!;
    await user.click(billing);
    expect(billing.getAttribute('aria-expanded')).toBe('false');
    expect(() => rowOf(ADA, 'Billing')).toThrow();
    billing.focus();
    await user.keyboard('{ArrowRight}');
    expect(rowOf(ADA, 'Billing').isConnected).toBe(true);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(rowOf(ADA, 'Billing'));

    await user.type(screen.getByTestId('dc.search'), 'turing');
    expect(contactRows().map((row) => row.dataset.jid)).toEqual(['alan@finesse.test']);
  });

  it('adds a contact to a new group from a group menu, renames the group and deletes it', async () => {
    const user = userEvent.setup();
    const { chat } = renderDesktopChat(ROSTER);
    await signIn(user);
    const billing = screen.getAllByTestId('dc.group').find((g) => g.dataset.group === 'Billing')!;
    await user.click(within(billing).getByTestId('dc.group.menu'));
    await user.click(screen.getByTestId('dc.group.menu.add'));
    await user.type(screen.getByTestId('dc.dialog.address'), 'grace.h');
    await user.type(screen.getByTestId('dc.dialog.name'), 'Grace H');
    await user.selectOptions(screen.getByTestId('dc.dialog.group'), 'New group…');
    await user.type(screen.getByTestId('dc.dialog.newGroup'), 'Helpers');
    await user.click(screen.getByTestId('dc.dialog.submit'));
    expect(chat.calls.find((c) => c.method === 'addContact')?.args).toEqual([
      'grace.h@finesse.test',
      { name: 'Grace H', groups: ['Helpers'] },
    ]);
    expect(rowOf('grace.h@finesse.test', 'Helpers').isConnected).toBe(true);

    const helpers = () => screen.getAllByTestId('dc.group').find((g) => g.dataset.group?.startsWith('Help'))!;
    await user.click(within(helpers()).getByTestId('dc.group.menu'));
    await user.click(screen.getByTestId('dc.group.menu.edit'));
    await user.clear(screen.getByTestId('dc.dialog.newGroup'));
    await user.type(screen.getByTestId('dc.dialog.newGroup'), 'Helpdesk');
    await user.click(screen.getByTestId('dc.dialog.submit'));
    expect(chat.calls.at(-1)).toEqual({ method: 'renameGroup', args: ['Helpers', 'Helpdesk'] });
    expect(helpers().getAttribute('data-group')).toBe('Helpdesk');

    await user.click(within(helpers()).getByTestId('dc.group.menu'));
    await user.click(screen.getByTestId('dc.group.menu.delete'));
    expect(screen.getByRole('alertdialog').textContent).toContain('Delete group Helpdesk?');
    await user.click(screen.getByTestId('dc.delete.confirm'));
    expect(chat.calls.at(-1)).toEqual({ method: 'deleteGroup', args: ['Helpdesk'] });
    expect(screen.getAllByTestId('dc.group').map((g) => g.dataset.group)).toEqual(['Billing', 'Experts']);
  });

  it('moves two contacts picked with Ctrl+click, and deletes one from one group only', async () => {
    const user = userEvent.setup();
    const { chat } = renderDesktopChat(ROSTER);
    await signIn(user);
    await user.keyboard('{Control>}');
    await user.click(within(rowOf(ADA, 'Billing')).getByTestId('dc.contact.name'));
    await user.click(within(rowOf('alan@finesse.test', 'Experts')).getByTestId('dc.contact.name'));
    await user.keyboard('{/Control}');
    expect(screen.getByTestId('dc.selection').textContent).toContain('Selected: 2');
    await user.click(screen.getByTestId('dc.selection.move'));
    await user.selectOptions(screen.getByTestId('dc.dialog.group'), 'New group…');
    await user.type(screen.getByTestId('dc.dialog.newGroup'), 'Escalations');
    await user.click(screen.getByTestId('dc.dialog.submit'));
    const moves = chat.calls.filter((c) => c.method === 'moveContacts').map((c) => c.args);
    expect(moves).toEqual([
      [[ADA], 'Billing', 'Escalations'],
      [['alan@finesse.test'], 'Experts', 'Escalations'],
    ]);
    expect(rowOf(ADA, 'Escalations').isConnected).toBe(true);
    expect(screen.queryByTestId('dc.selection')).toBeNull();

    await user.click(within(rowOf(LINUS, 'Experts')).getByTestId('dc.contact.menu'));
    await user.click(screen.getByTestId('dc.contact.menu.delete'));
    await user.click(screen.getByTestId('dc.delete.confirm'));
    expect(chat.calls.at(-1)).toEqual({ method: 'removeFromGroup', args: [LINUS, 'Experts'] });
    expect(rowOf(LINUS, 'Billing').isConnected).toBe(true);
  });

  it('shows subscription requests and answers them', async () => {
    const user = userEvent.setup();
    const { chat } = renderDesktopChat(ROSTER);
    await signIn(user);
    as(() => chat.emit('subscriptionRequest', { jid: 'new@finesse.test' }));
    expect(screen.getByTestId('dc.request').textContent).toContain('new wants to see your status.');
    await user.click(screen.getByTestId('dc.request.accept'));
    expect(chat.calls.at(-1)).toEqual({ method: 'approveSubscription', args: ['new@finesse.test'] });
    expect(screen.queryByTestId('dc.request')).toBeNull();
  });

  it('keeps only the rows in view in the DOM for a roster of 2,000', async () => {
    const user = userEvent.setup();
    const big = Array.from({ length: 2000 }, (_, i) =>
      contact(`u${i}@finesse.test`, `User ${i}`, [`Team ${i % 20}`]),
    );
    renderDesktopChat(big);
    await signIn(user);
    const tree = screen.getByRole('tree');
    const rows = within(tree).getAllByRole('treeitem');
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('2020');
    // The End key reaches the last row, which is then rendered and focused.
    rows[0]?.focus();
    await user.keyboard('{End}');
    const last = within(tree)
      .getAllByRole('treeitem')
      .find((row) => row.getAttribute('aria-posinset') === '2020');
    expect(document.activeElement).toBe(last);
  });
});

describe('Desktop Chat: chats', () => {
  it('opens a chat, sends, shows typing and the delivered tick', async () => {
    const user = userEvent.setup();
    const { chat } = renderDesktopChat(ROSTER);
    await signIn(user);
    await user.click(within(rowOf(ADA, 'Billing')).getByTestId('dc.contact.name'));
    expect(screen.getByTestId('dc.tab').getAttribute('aria-selected')).toBe('true');
    await user.type(screen.getByTestId('dc.composer'), 'Can you help?{Enter}');
    expect(chat.calls.some((c) => c.method === 'typing')).toBe(true);
    expect(chat.calls.find((c) => c.method === 'sendMessage')?.args).toEqual([ADA, 'Can you help?']);
    const sent = await screen.findByText('Can you help?');
    const message = sent.closest('li')!;
    expect(within(message).getByRole('img').getAttribute('aria-label')).toBe('Sent');
    as(() => chat.emit('receipt', { jid: ADA, id: message.dataset.id! }));
    expect(within(message).getByRole('img').getAttribute('aria-label')).toBe('Delivered');
    as(() => chat.typingFrom(ADA, 'composing'));
    expect(screen.getByTestId('dc.typing').textContent).toContain('Ada Lovelace is typing…');
  });

  it('names a colleague outside the roster from the directory, in the tab and under Recent Chats', async () => {
    const user = userEvent.setup();
    const { chat } = renderDesktopChat(ROSTER);
    chat.directory = [
      { jid: 'grace@finesse.test', name: 'Grace Hopper' },
      { jid: 'grace2@finesse.test', name: 'Someone Else' },
    ];
    await signIn(user);
    as(() => chat.receive('grace@finesse.test', 'Are you free?'));
    // Looked up once, by the address's local part, and only an exact address is taken.
    expect(await screen.findByText('Grace Hopper', { selector: '[data-testid="dc.tab"] *' })).toBeTruthy();
    expect(rowOf('grace@finesse.test', 'Recent Chats').textContent).toContain('Grace Hopper');
    as(() => chat.receive('grace@finesse.test', 'Hello?'));
    expect(chat.calls.filter((c) => c.method === 'searchContacts').map((c) => c.args)).toEqual([['grace']]);
  });

  it('shows three tabs and the rest behind the overflow, unread badges except on the active tab, and the minimized count', async () => {
    const user = userEvent.setup();
    const { chat, announce } = renderDesktopChat(ROSTER);
    await signIn(user);
    for (const [jid, text] of [
      [ADA, 'one'],
      [LINUS, 'two'],
      ['alan@finesse.test', 'three'],
      ['edsger@finesse.test', 'four'],
    ] as const) {
      as(() => void chat.receive(jid, text));
    }
    expect(screen.getAllByTestId('dc.tab')).toHaveLength(3);
    expect(screen.getByTestId('dc.tabs.more').textContent).toContain('+1');
    // Ada's chat came first and is shown: no badge there; the others count.
    const badges = screen.getAllByTestId('dc.tab.unread').map((badge) => badge.textContent);
    expect(badges).toEqual(['1Unread messages: 1', '1Unread messages: 1']);
    expect(announce).toHaveBeenCalledWith('Desktop Chat, Linus Torvalds: two');

    await user.click(screen.getByTestId('dc.tabs.more'));
    await user.click(screen.getByTestId('dc.tabs.more.edsger@finesse.test'));
    expect(screen.getAllByTestId('dc.tab').map((tab) => tab.dataset.peer)).toContain('edsger@finesse.test');

    await user.click(screen.getByTestId('dc.window.toggle'));
    expect(screen.getByTestId('dc.window.unreadChats').textContent).toContain('2');
    expect(screen.getByTestId('dc.button').getAttribute('aria-label')).toBe(
      'Desktop Chat, unread messages: 2',
    );
    await user.click(screen.getByTestId('dc.window.toggle'));

    // Close the active tab with Delete; close all after an in-page confirmation.
    screen
      .getAllByTestId('dc.tab')
      .find((tab) => tab.getAttribute('aria-selected') === 'true')!
      .focus();
    await user.keyboard('{Delete}');
    expect(screen.queryAllByTestId('dc.tab').map((tab) => tab.dataset.peer)).not.toContain(
      'edsger@finesse.test',
    );
    await user.click(screen.getByTestId('dc.window.closeAll'));
    expect(screen.getByRole('alertdialog').textContent).toContain('Close all chats?');
    await user.click(screen.getByTestId('dc.window.closeAll.confirm'));
    expect(screen.queryByTestId('dc.window')).toBeNull();
  });

  it('in Do Not Disturb shows a message only in the open chat; otherwise the button blinks, nothing is announced', async () => {
    const user = userEvent.setup();
    const { chat, announce } = renderDesktopChat(ROSTER);
    await signIn(user);
    await user.selectOptions(screen.getByTestId('dc.presence.select'), 'dnd');
    expect(chat.calls.at(-1)).toEqual({ method: 'setPresence', args: ['dnd', undefined] });
    expect(screen.getByTestId('dc.dndNotice').isConnected).toBe(true);
    as(() => void chat.receive(ADA, 'quiet please'));
    // The first chat is the open one: shown, no blink.
    expect(screen.getByText('quiet please').isConnected).toBe(true);
    as(() => void chat.receive(LINUS, 'urgent?'));
    await user.click(screen.getByTestId('dc.panel.close'));
    as(() => void chat.receive(ADA, 'still there?'));
    const button = screen.getByTestId('dc.button');
    expect(button.getAttribute('data-blink')).toBe('true');
    expect(button.getAttribute('aria-label')).toBe('Desktop Chat, unread messages: 2');
    expect(announce).not.toHaveBeenCalled();
    await user.click(button);
    expect(screen.getByTestId('dc.button').getAttribute('data-blink')).toBe('false');
  });

  it('offers files with Accept and Decline, sends a file, and shows the colleague declining it', async () => {
    const user = userEvent.setup();
    const { chat } = renderDesktopChat(ROSTER);
    await signIn(user);
    as(
      () =>
        void chat.receive(ADA, 'https://x/report.pdf', {
          name: 'report.pdf',
          size: 12_300,
          type: 'application/pdf',
          url: 'https://upload.finesse.test/report.pdf',
        }),
    );
    as(
      () =>
        void chat.receive(ADA, 'https://x/virus.exe', {
          name: 'virus.exe',
          size: 1_000,
          type: 'application/octet-stream',
          url: 'https://upload.finesse.test/virus.exe',
        }),
    );
    const [report, exe] = screen.getAllByTestId('dc.file');
    expect(report!.textContent).toContain('File from Ada Lovelace');
    expect(report!.textContent).toContain('report.pdf (12.3 kB)');
    await user.click(within(exe!).getByTestId('dc.file.decline'));
    expect(chat.calls.at(-1)?.args).toEqual([ADA, expect.any(String), 'declined']);
    expect(within(exe!).getByTestId('dc.file.state').textContent).toContain('Declined');

    const file = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    await user.upload(screen.getByTestId('dc.attach.input'), file);
    expect(chat.calls.find((c) => c.method === 'sendFile')?.args).toEqual([ADA, 'notes.txt']);
    const sentOffer = screen.getAllByTestId('dc.file').at(-1)!;
    expect(sentOffer.textContent).toContain('Waiting for an answer');
    const id = sentOffer.closest('li')!.dataset.id!;
    act(() => chat.emit('fileAnswer', { peer: ADA, id, answer: 'declined', by: 'peer' } as never));
    expect(
      within(screen.getAllByTestId('dc.file').at(-1)!).getByTestId('dc.file.state').textContent,
    ).toContain('Ada Lovelace declined the file.');
  });

  it('signing out keeps nothing of the chats', async () => {
    const user = userEvent.setup();
    const { chat } = renderDesktopChat(ROSTER);
    await signIn(user);
    as(() => void chat.receive(ADA, 'hello'));
    await user.click(screen.getByTestId('dc.signOut'));
    expect((await screen.findByTestId('dc.signIn')).isConnected).toBe(true);
    expect(chat.calls.at(-1)?.method).toBe('stop');
    await signInAgain(user);
    expect(screen.queryByTestId('dc.window')).toBeNull();
  });
});

async function signInAgain(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByTestId('dc.signIn.username'), 'grace');
  await user.type(screen.getByTestId('dc.signIn.password'), 'secret');
  await user.click(screen.getByTestId('dc.signIn.submit'));
  await screen.findByTestId('dc.presence');
}
