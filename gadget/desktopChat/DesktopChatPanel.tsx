/**
 * The Desktop Chat panel, opened from its header button: the sign-in form, or our presence, contact
 * requests, the searchable contact list with its menus and multi-select actions, and the chat window.
 * Roster changes go to the IM server and come back as roster pushes; the list shows what the server
 * holds. Deleting asks first, in the page (never `confirm()`).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog/ConfirmDialog.tsx';
import type { DesktopChat } from '../../sdk/desktop-chat/index.ts';
import { OFFLINE } from '../../sdk/index.ts';
import { colleagueName } from './colleagueNames.ts';
import { ChatPane } from './chats/ChatPane.tsx';
import { ChatWindow } from './chats/ChatWindow.tsx';
import { detailOf, useChatActions } from './chats/useChatActions.ts';
import { ContactDialog, type ContactForm, type ContactFormResult } from './contacts/ContactDialog.tsx';
import { SelectionToolbar, SubscriptionRequests } from './contacts/ContactBars.tsx';
import { ContactList } from './contacts/ContactList.tsx';
import { groupNames, RECENT_GROUP, rosterRows, type ContactRow } from './contacts/rosterRows.ts';
import { rosterMenus, type Deleting } from './contacts/rosterMenus.ts';
import { SearchResults } from './contacts/SearchResults.tsx';
import { PresenceBar } from './PresenceBar.tsx';
import { SignInForm } from './SignInForm.tsx';
import type { ConfiguredController } from './useDesktopChat.ts';
import './DesktopChat.css';

export interface DesktopChatPanelProps {
  id?: string;
  controller: ConfiguredController;
  domain: string;
  onClose: () => void;
}

export function DesktopChatPanel({ id, controller, domain, onClose }: DesktopChatPanelProps) {
  const { t } = useTranslation('gadget');
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);
  const { snapshot, session } = controller;

  useEffect(() => {
    panel.current?.focus();
  }, []);

  return (
    <section
      ref={panel}
      id={id}
      className="dc-panel hc-card"
      aria-labelledby={titleId}
      data-testid="dc.panel"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.stopPropagation();
        onClose();
      }}
    >
      <div className="hc-panel__head">
        <h2 id={titleId} className="hc-panel__title">
          {t('desktopChat.title')}
        </h2>
        <button
          type="button"
          className="hc-btn hc-btn--secondary hc-panel__close"
          data-testid="dc.panel.close"
          onClick={onClose}
        >
          {t('desktopChat.close')}
        </button>
      </div>
      {snapshot.phase === 'signedIn' && snapshot.chat && snapshot.user ? (
        <SignedIn controller={controller} chat={snapshot.chat} user={snapshot.user} domain={domain} />
      ) : (
        <SignInForm
          initialUsername={session.rememberedUsername()}
          busy={snapshot.phase === 'signingIn'}
          problem={snapshot.problem}
          onSignIn={(credentials, remember) => void session.signIn(credentials, remember)}
        />
      )}
    </section>
  );
}

function SignedIn({
  controller,
  chat,
  user,
  domain,
}: {
  controller: ConfiguredController;
  chat: DesktopChat;
  user: string;
  domain: string;
}) {
  const { t, i18n } = useTranslation('gadget');
  const language = i18n.resolvedLanguage ?? i18n.language;
  const { snapshot, session, chats, current } = controller;
  const conversations = snapshot.conversations;
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [form, setForm] = useState<ContactForm | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const searchId = useId();

  const byJid = useMemo(() => new Map(snapshot.roster.map((item) => [item.jid, item])), [snapshot.roster]);
  const nameOf = useCallback(
    (jid: string) => {
      return colleagueName(jid, byJid.get(jid), snapshot.names);
    },
    [byJid, snapshot.names],
  );
  const presenceOf = useCallback(
    (jid: string) => snapshot.presences.get(jid) ?? OFFLINE,
    [snapshot.presences],
  );
  const groups = useMemo(() => groupNames(snapshot.roster, language), [snapshot.roster, language]);
  const rows = useMemo(
    () =>
      rosterRows({
        roster: snapshot.roster,
        names: snapshot.names,
        presences: snapshot.presences,
        recent: controller.recent,
        collapsed,
        filter,
        ungrouped: t('desktopChat.contacts.ungrouped'),
        locale: language,
      }),
    [snapshot.roster, snapshot.names, snapshot.presences, controller.recent, collapsed, filter, t, language],
  );
  const groupLabel = useCallback(
    (group: string) => (group === RECENT_GROUP ? t('desktopChat.contacts.recent') : group),
    [t],
  );

  const run = async (action: () => Promise<unknown>): Promise<void> => {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(t('desktopChat.dialog.failed', { detail: detailOf(error) }));
    }
  };
  const openChat = (jid: string) => {
    session.learnName(jid);
    conversations?.open(jid);
    controller.focusChat(jid);
  };
  const targetsOf = (keys: ReadonlySet<string>) =>
    rows.filter(
      (row): row is ContactRow =>
        row.kind === 'contact' && keys.has(row.key) && row.inRoster && row.group !== RECENT_GROUP,
    );

  const { contactMenu, groupMenu } = rosterMenus({
    t,
    byJid,
    openChat,
    edit: setForm,
    remove: setDeleting,
  });

  const ungrouped = t('desktopChat.contacts.ungrouped');
  /** A contact listed under "Contacts" is in no group: moving or deleting it acts on all its groups. */
  const realGroup = (group: string): string | null =>
    group === ungrouped && !groups.includes(ungrouped) ? null : group;

  const submitForm = async (result: ContactFormResult): Promise<void> => {
    switch (result.kind) {
      case 'add':
        await chat.addContact(result.jid, { name: result.name || undefined, groups: [result.group] });
        break;
      case 'edit':
        await chat.updateContact(result.jid, { name: result.name || undefined, groups: result.groups });
        break;
      case 'move': {
        if (form?.kind !== 'move') return;
        const byGroup = new Map<string | null, string[]>();
        for (const target of form.targets) {
          const from = realGroup(target.group);
          byGroup.set(from, [...(byGroup.get(from) ?? []), target.jid]);
        }
        for (const [from, jids] of byGroup) await chat.moveContacts(jids, from, result.to);
        setSelected(new Set());
        break;
      }
      case 'group':
        if (result.to !== result.from) await chat.renameGroup(result.from, result.to);
        break;
    }
    setForm(null);
  };

  const confirmDelete = async () => {
    const current = deleting;
    setDeleting(null);
    if (!current) return;
    await run(async () => {
      if (current.kind === 'group') return chat.deleteGroup(current.group);
      for (const target of current.targets) {
        const group = realGroup(target.group);
        if (group === null) await chat.removeContact(target.jid);
        else await chat.removeFromGroup(target.jid, group);
      }
      setSelected(new Set());
    });
  };

  const selection = targetsOf(selected).map(({ jid, group }) => ({ jid, group }));
  const peerChat = chats.chats.find((c) => c.peer === current) ?? null;

  const { fileAnswers, sendProblem, onSend, onFiles, onAnswerFile, onTyping, onFocus } = useChatActions(
    chat,
    current,
    snapshot.fileAnswers,
    run,
  );

  const status = snapshot.status;
  return (
    <div
      className={`dc-body${controller.large && !controller.minimized && chats.chats.length > 0 ? ' dc-body--large' : ''}`}
    >
      {status !== 'online' && (
        <p className="dc-note" role="status" data-testid="dc.connection" data-status={status}>
          {t(
            `desktopChat.connection.${status === 'reconnecting' ? 'reconnecting' : status === 'connecting' ? 'connecting' : 'offline'}`,
          )}
        </p>
      )}
      <PresenceBar
        key={snapshot.own.status ?? ''}
        own={snapshot.own}
        user={user}
        onChange={(availability, text) => void run(() => session.setPresence(availability, text))}
        onSignOut={() => void controller.signOut()}
      />
      {snapshot.own.availability === 'dnd' && (
        <p className="dc-note dc-note--dnd" data-testid="dc.dndNotice">
          {t('desktopChat.dnd.notice')}
        </p>
      )}
      <SubscriptionRequests
        requests={snapshot.requests}
        nameOf={nameOf}
        onAnswer={(jid, approve) => void run(() => session.answerRequest(jid, approve))}
      />
      {problem && (
        <p className="dc-problem" role="alert" data-testid="dc.problem">
          {problem}
        </p>
      )}
      <div className="dc-contactsArea">
        <label className="ui-sr-only" htmlFor={searchId}>
          {t('desktopChat.contacts.search')}
        </label>
        <input
          id={searchId}
          type="search"
          className="dc-input dc-search"
          data-testid="dc.search"
          placeholder={t('desktopChat.contacts.search')}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
        />
        <SearchResults
          chat={chat}
          query={filter}
          known={new Set(byJid.keys())}
          onChat={openChat}
          onAdd={(entry) => setForm({ kind: 'add', jid: entry.jid, name: entry.name, group: null })}
        />
        <SelectionToolbar
          count={selection.length}
          onMove={() => setForm({ kind: 'move', targets: selection })}
          onDelete={() => setDeleting({ kind: 'contacts', targets: selection })}
          onClear={() => setSelected(new Set())}
        />
        {rows.length === 0 && filter === '' ? (
          <p className="dc-note" data-testid="dc.contacts.empty">
            {t('desktopChat.contacts.empty')}
          </p>
        ) : (
          <ContactList
            rows={rows}
            selected={selected}
            onSelect={setSelected}
            onOpen={openChat}
            onToggleGroup={(group) =>
              setCollapsed((old) => {
                const next = new Set(old);
                if (next.has(group)) next.delete(group);
                else next.add(group);
                return next;
              })
            }
            groupLabel={groupLabel}
            contactMenu={contactMenu}
            groupMenu={groupMenu}
          />
        )}
      </div>
      {chats.chats.length > 0 && (
        <ChatWindow
          chats={chats.chats}
          current={current}
          nameOf={nameOf}
          presenceOf={presenceOf}
          minimized={controller.minimized}
          chatsWithUnread={controller.chatsWithUnread}
          large={controller.large}
          onSelect={controller.select}
          onClose={(peer) => conversations?.close(peer)}
          onCloseAll={() => conversations?.closeAll()}
          onMinimize={controller.setMinimized}
          onLarge={controller.setLarge}
        >
          {peerChat && (
            <ChatPane
              key={peerChat.peer}
              conversation={peerChat}
              name={nameOf(peerChat.peer)}
              peerOffline={presenceOf(peerChat.peer).availability === 'offline'}
              fileAnswers={fileAnswers}
              problem={sendProblem}
              onSend={onSend}
              onTyping={onTyping}
              onFiles={onFiles}
              onAnswerFile={onAnswerFile}
              onFocus={onFocus}
            />
          )}
        </ChatWindow>
      )}
      {form && (
        <ContactDialog
          form={form}
          groups={groups}
          domain={domain}
          onSubmit={submitForm}
          onCancel={() => setForm(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={
            deleting.kind === 'group'
              ? t('desktopChat.dialog.deleteGroupTitle', { group: deleting.group })
              : t('desktopChat.dialog.deleteContactsTitle', { count: deleting.targets.length })
          }
          body={
            deleting.kind === 'group'
              ? t('desktopChat.dialog.deleteGroupBody', { count: deleting.count })
              : t('desktopChat.dialog.deleteContactsBody', {
                  names: deleting.targets
                    .map((target) => `${nameOf(target.jid)} (${target.group})`)
                    .join(', '),
                })
          }
          confirmLabel={t('desktopChat.dialog.delete')}
          cancelLabel={t('desktopChat.dialog.cancel')}
          confirmClassName="hc-btn hc-btn--danger"
          cancelClassName="hc-btn hc-btn--secondary"
          confirmTestId="dc.delete.confirm"
          onCancel={() => setDeleting(null)}
          onConfirm={() => void confirmDelete()}
        />
      )}
    </div>
  );
}
