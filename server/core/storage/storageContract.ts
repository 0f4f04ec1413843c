/**
 * What every storage engine promises through the Storage interface (storage.ts), as one test suite
 * each engine runs: `describeStorage('SQLite', engine)` and `describeStorage('PostgreSQL', engine)`.
 * Each test starts on an empty database (`engine.fresh()`); `engine.open()` opens it, again after a
 * close for a restart. Engines whose database several storages may share at once (several
 * chat-server nodes, `sharedByNodes`) also run the tests of two nodes writing the same chat
 * (storageContractNodes.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewMessage, Storage } from './storage.ts';
import { describeTwoNodes } from './storageContractNodes.ts';

export interface StorageEngine {
  /** An empty database for the next test. */
  fresh(): Promise<void>;
  /** Opens the current database. */
  open(options?: { now?: () => number }): Promise<Storage>;
  /** Several open storages on one database act as separate nodes. */
  sharedByNodes: boolean;
}

const dana = { role: 'customer' as const, id: 'c1', name: 'Dana' };
const alice = { id: '1001', name: 'Alice' };
const bob = { id: '1002', name: 'Bob' };

export const text = (chatId: string, clientId: string): NewMessage => ({
  chatId,
  clientId,
  from: dana,
  kind: 'text',
  text: `message ${clientId}`,
});

export function describeStorage(name: string, engine: StorageEngine): void {
  describe(`${name} storage (the Storage contract)`, () => {
    const opened: Storage[] = [];
    let clock = 1_000_000;
    const now = () => clock;
    const open = async (options: { now?: () => number } = { now }) => {
      const storage = await engine.open(options);
      opened.push(storage);
      return storage;
    };
    const close = async (storage: Storage) => {
      opened.splice(opened.indexOf(storage), 1);
      await storage.close();
    };
    async function startChat(storage: Storage, customerId = 'c1', preChat: Record<string, string> = {}) {
      await storage.customers.upsert(customerId, 'Dana');
      return (
        await storage.chats.start({ customerId, startClientId: `s-${customerId}`, queue: 'billing', preChat })
      ).chat;
    }

    beforeEach(async () => {
      clock = 1_000_000;
      await engine.fresh();
    });
    afterEach(async () => {
      for (const storage of opened.splice(0)) await storage.close().catch(() => undefined);
    });

    it('goes on with a chat’s seq after a restart, and answers a retry with the first seq', async () => {
      const first = await open();
      const chat = await startChat(first);
      for (const id of ['m1', 'm2', 'm3']) await first.messages.append(text(chat.id, id));
      expect((await first.chats.get(chat.id))?.lastSeq).toBe(3);
      await close(first);

      const again = await open();
      expect((await again.chats.get(chat.id))?.lastSeq).toBe(3);
      expect((await again.messages.append(text(chat.id, 'm4'))).message.seq).toBe(4);
      const retry = await again.messages.append(text(chat.id, 'm2'));
      expect(retry).toMatchObject({ duplicate: true, message: { seq: 2, text: 'message m2' } });
      expect((await again.messages.after(chat.id, 0)).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
      expect((await again.messages.after(chat.id, 1, 2)).map((m) => m.seq)).toEqual([2, 3]);
      // The same message twice at once (a retry racing the first): stored once, one seq.
      const [one, two] = await Promise.all([
        again.messages.append(text(chat.id, 'm5')),
        again.messages.append(text(chat.id, 'm5')),
      ]);
      expect([one.duplicate, two.duplicate].sort()).toEqual([false, true]);
      expect([one.message.seq, two.message.seq]).toEqual([5, 5]);
      expect((await again.chats.get(chat.id))?.lastSeq).toBe(5);
      expect(await again.messages.byClientId(chat.id, 'm5')).toMatchObject({ seq: 5 });
      expect(await again.messages.byClientId(chat.id, 'nope')).toBeNull();
    });

    it('numbers messages written at once without gaps or repeats', async () => {
      const storage = await open();
      const chat = await startChat(storage);
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, index) => storage.messages.append(text(chat.id, `m${index}`))),
      );
      expect(results.map((result) => result.message.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 40 }, (_, index) => index + 1),
      );
    });

    it('keeps one open chat per customer, whatever the start request', async () => {
      const storage = await open();
      await storage.customers.upsert('c1', 'Dana');
      const clientIds = ['a', 'b', 'c', 'a'];
      const starts = await Promise.all(
        clientIds.map((clientId) =>
          storage.chats.start({ customerId: 'c1', startClientId: clientId, queue: 'billing', preChat: {} }),
        ),
      );
      expect(starts.filter((start) => start.created)).toHaveLength(1);
      expect(new Set(starts.map((start) => start.chat.id)).size).toBe(1);
      const firstId = starts[0]?.chat.id ?? '';
      const [chat] = await storage.chats.waiting();
      expect(chat?.chat).toMatchObject({
        status: 'queued',
        customer: { id: 'c1', name: 'Dana' },
        lastSeq: 0,
      });
      await storage.chats.end(firstId, 'customer');
      const next = await storage.chats.start({
        customerId: 'c1',
        startClientId: 'd',
        queue: 'billing',
        preChat: {},
      });
      expect(next.created).toBe(true);
      // The request that created the first chat, again: that chat, ended. (Which of the racing
      // requests created it is up to the engine: on PostgreSQL the others may come first.)
      const creator = clientIds[starts.findIndex((start) => start.created)] ?? '';
      const replay = await storage.chats.start({
        customerId: 'c1',
        startClientId: creator,
        queue: 'billing',
        preChat: {},
      });
      expect(replay).toMatchObject({ created: false, chat: { id: firstId, status: 'ended' } });
      expect(await storage.customers.exists('c1')).toBe(true);
      expect(await storage.customers.exists('c2')).toBe(false);
    });

    it('follows a chat from the queue to an agent, a conference, a transfer, the queue again and its end', async () => {
      const storage = await open();
      const chat = await startChat(storage, 'c1', { email: ' Dana@Example.com ' });
      await storage.chats.setStatus(chat.id, 'offered');
      expect((await storage.chats.get(chat.id))?.status).toBe('offered');
      clock += 1000;
      const accepted = await storage.chats.accept(chat.id, alice);
      expect(accepted).toMatchObject({ status: 'active', agent: alice, acceptedAt: clock });
      expect((await storage.chats.active()).map((c) => c.id)).toEqual([chat.id]);
      expect((await storage.chats.ofAgent('1001')).map((c) => c.id)).toEqual([chat.id]);

      clock += 1000;
      await storage.participants.join(chat.id, bob);
      expect(await storage.participants.members(chat.id)).toEqual([bob]);
      expect((await storage.chats.joinedBy('1002')).map((c) => c.id)).toEqual([chat.id]);
      expect(await storage.chats.joinedBy('1001')).toEqual([]);
      await storage.participants.addSupervisor(chat.id, { id: '1005', name: 'Sam' });
      expect(await storage.participants.supervisors(chat.id)).toEqual([{ id: '1005', name: 'Sam' }]);
      expect(await storage.participants.supervisedBy('1005')).toEqual([chat.id]);
      await storage.participants.dropSupervisors(chat.id);
      expect(await storage.participants.supervisors(chat.id)).toEqual([]);

      const moved = await storage.chats.setOwner(chat.id, '1001', bob);
      expect(moved.agent).toEqual(bob);
      expect(await storage.participants.members(chat.id)).toEqual([]);
      await storage.participants.join(chat.id, alice);
      await storage.participants.leave(chat.id, '1001');
      expect(await storage.participants.members(chat.id)).toEqual([]);

      clock += 1000;
      const requeued = await storage.chats.requeue(chat.id, {
        from: '1002',
        queue: 'sales',
        queuedAt: 5,
        waitingSince: clock,
      });
      expect(requeued).toMatchObject({ status: 'queued', agent: null, queue: 'sales', acceptedAt: null });
      expect(await storage.chats.waiting()).toMatchObject([
        { chat: { id: chat.id }, queuedAt: 5, waitingSince: clock },
      ]);

      await storage.chats.accept(chat.id, alice);
      await storage.participants.join(chat.id, bob);
      clock += 1000;
      const ended = await storage.chats.end(chat.id, 'agent');
      expect(ended).toMatchObject({ status: 'ended', endedAt: clock, endedBy: 'agent' });
      // An ended chat's members are those in it at its end.
      expect(await storage.participants.members(chat.id)).toEqual([bob]);
      expect(await storage.chats.ofCustomer('c1', clock - 1)).toHaveLength(1);
      expect(await storage.chats.ofCustomer('c1', clock)).toHaveLength(0);

      // Previous chats: by customer id, or by the same e-mail (trimmed, any case) under another id.
      const other = await startChat(storage, 'c2', { email: 'dana@example.com' });
      expect(
        (
          await storage.chats.previous({
            customerId: 'c2',
            email: 'dana@example.com',
            exceptId: other.id,
            limit: 5,
          })
        ).map((p) => p.id),
      ).toEqual([chat.id]);
      expect(
        await storage.chats.previous({ customerId: 'c2', email: null, exceptId: other.id, limit: 5 }),
      ).toEqual([]);
      expect(await storage.chats.previousChat(chat.id)).toMatchObject({
        id: chat.id,
        status: 'ended',
        agentName: 'Alice',
        customerId: 'c1',
        email: 'dana@example.com',
      });
      expect(await storage.chats.previousChat('nope')).toBeNull();
    });

    it('stores receipts, attachments, agents and revoked tokens', async () => {
      const storage = await open();
      const chat = await startChat(storage);
      expect(await storage.receipts.raise(chat.id, 'agent', { delivered: 3, read: 1 })).toEqual({
        delivered: 3,
        read: 1,
      });
      expect(await storage.receipts.raise(chat.id, 'agent', { delivered: 2, read: 1 })).toBeNull();
      expect(await storage.receipts.raise(chat.id, 'agent', { delivered: 2, read: 2 })).toEqual({
        delivered: 3,
        read: 2,
      });
      expect((await storage.receipts.get(chat.id)).agent).toEqual({ delivered: 3, read: 2 });

      const file = { id: 'f1', name: 'a.png', size: 1234, type: 'image/png' as const };
      await storage.files.insert({
        ...file,
        chatId: chat.id,
        clientId: 'u1',
        uploader: { role: 'customer', id: 'c1' },
      });
      await expect(
        storage.files.insert({
          ...file,
          id: 'f2',
          chatId: chat.id,
          clientId: 'u1',
          uploader: { role: 'customer', id: 'c1' },
        }),
      ).rejects.toThrow();
      expect(await storage.files.get('f1')).toMatchObject({ ...file, chatId: chat.id, createdAt: clock });
      expect(await storage.files.usage(chat.id)).toEqual({ count: 1, bytes: 1234 });
      expect(await storage.files.uploadedBy('c1', clock - 1)).toEqual({ count: 1, oldestAt: clock });
      const { message } = await storage.messages.append({
        ...text(chat.id, 'u1'),
        kind: 'file',
        text: 'a.png',
        file,
      });
      expect((await storage.messages.after(chat.id, 0))[0]).toEqual(message);
      await storage.files.remove('f1');
      expect(await storage.files.get('f1')).toBeNull();

      const agent = {
        id: '1001',
        name: 'Alice',
        requestedState: 'READY' as const,
        stateReason: null,
        idleSince: 7,
      };
      await storage.agents.save(agent);
      await storage.agents.save({ ...agent, requestedState: 'NOT_READY', stateReason: 'Lunch' });
      expect(await storage.agents.get('1001')).toEqual({
        ...agent,
        requestedState: 'NOT_READY',
        stateReason: 'Lunch',
      });
      expect(await storage.agents.all()).toHaveLength(1);
      expect(await storage.agents.get('1002')).toBeNull();

      await storage.revocations.revoke('a', clock + 10);
      await storage.revocations.revoke('a', clock + 99);
      await storage.revocations.revoke('b', clock + 20);
      expect(await storage.revocations.active(clock + 10)).toEqual([{ jti: 'b', expiresAt: clock + 20 }]);
      expect(await storage.revocations.purge(clock + 10)).toBe(1);
      expect((await storage.revocations.active(0)).map((r) => r.jti)).toEqual(['b']);
      await storage.ping();
    });

    it('stores whispers once, wrap-ups and a transfer’s note', async () => {
      const storage = await open();
      const chat = await startChat(storage);
      const whisper = { id: 'w1', chatId: chat.id, clientId: 'n1', from: alice, text: 'VIP' };
      expect(await storage.collaboration.addWhisper(whisper)).toEqual({
        whisper: { ...whisper, sentAt: clock },
        duplicate: false,
      });
      expect(await storage.collaboration.addWhisper({ ...whisper, id: 'w2' })).toMatchObject({
        duplicate: true,
        whisper: { id: 'w1' },
      });
      expect((await storage.collaboration.whispers(chat.id)).map((w) => w.id)).toEqual(['w1']);

      await storage.collaboration.setQueuedTransfer(chat.id, alice, 'billing question');
      expect(await storage.collaboration.queuedTransfer(chat.id)).toEqual({
        kind: 'transfer',
        via: 'queue',
        from: alice,
        note: 'billing question',
      });
      await storage.collaboration.clearQueuedTransfer(chat.id);
      expect(await storage.collaboration.queuedTransfer(chat.id)).toBeNull();

      await storage.collaboration.createWrapUp(chat.id, '1001', 'Dana', null);
      expect(await storage.collaboration.wrapUp(chat.id)).toMatchObject({
        state: 'waiting',
        agentId: '1001',
        dueAt: null,
      });
      await storage.collaboration.startWrapUp(chat.id, 60_000);
      expect(await storage.collaboration.agentWrapUps('1001')).toMatchObject([
        { state: 'running', dueAt: clock + 60_000 },
      ]);
      expect(await storage.collaboration.openWrapUps()).toHaveLength(1);
      expect(await storage.collaboration.finishWrapUp(chat.id, ['sale'], 'done', false)).toBe(true);
      expect(await storage.collaboration.finishWrapUp(chat.id, ['sale'], 'again', true)).toBe(false);
      expect(await storage.collaboration.wrapUp(chat.id)).toMatchObject({
        state: 'done',
        reasons: ['sale'],
        notes: 'done',
        timedOut: false,
      });
      expect(await storage.collaboration.openWrapUps()).toEqual([]);
    });

    it('keeps left messages once, one rating per chat, and a queue’s history and outcomes', async () => {
      const storage = await open();
      const left = {
        clientId: 'l1',
        queue: 'billing',
        name: 'Dana',
        email: 'dana@example.com',
        phone: null,
        message: 'Call me',
        locale: 'en',
        reason: 'closed' as const,
      };
      const first = await storage.conversation.leaveMessage(left);
      expect(first).toMatchObject({ created: true, message: { message: 'Call me', handledAt: null } });
      expect(await storage.conversation.leaveMessage(left)).toEqual({
        message: first.message,
        created: false,
      });
      expect(await storage.conversation.offlineMessages('open')).toHaveLength(1);
      expect(await storage.conversation.markHandled(first.message.id, '1001')).toMatchObject({
        handledBy: '1001',
      });
      expect(await storage.conversation.markHandled(first.message.id, '1002')).toMatchObject({
        handledBy: '1001',
      });
      expect(await storage.conversation.offlineMessages('handled')).toHaveLength(1);
      expect(await storage.conversation.offlineMessages('open')).toHaveLength(0);
      expect(await storage.conversation.offlineMessageByClientId('l1')).toMatchObject({
        id: first.message.id,
      });
      expect(await storage.conversation.markHandled('nope', '1001')).toBeNull();

      const chat = await startChat(storage);
      clock += 4000;
      await storage.chats.accept(chat.id, alice);
      clock += 6000;
      await storage.chats.end(chat.id, 'customer');
      expect(await storage.conversation.rate(chat.id, 5, 'great')).toMatchObject({
        created: true,
        rating: { score: 5 },
      });
      expect(await storage.conversation.rate(chat.id, 1, null)).toMatchObject({
        created: false,
        rating: { score: 5, comment: 'great' },
      });
      expect(await storage.conversation.history('billing')).toEqual({ answerMs: 4000, handleMs: 6000 });
      expect(await storage.conversation.history('sales')).toEqual({ answerMs: null, handleMs: null });
      expect(await storage.conversation.outcomes('billing', 0, 5000)).toEqual({
        answered: 1,
        answeredInTime: 1,
        abandonedLate: 0,
      });
      expect(await storage.conversation.outcomes('billing', 0, 1000)).toEqual({
        answered: 1,
        answeredInTime: 0,
        abandonedLate: 0,
      });
    });

    // Only engines that several nodes share (PostgreSQL) have these; SQLite is one node's file.
    if (engine.sharedByNodes) describeTwoNodes({ open, startChat, text });
  });
}
