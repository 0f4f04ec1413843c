/**
 * One attacker per abuse limit (README, "Limits"), each doing what was measured against the server
 * before the limits existed, scaled by `FloodSizes`. Each reports what got through and what was
 * refused; a limit that never fires, or lets more through than it allows, is a problem. The steps
 * they share are in attackTools.ts.
 */
import type { ChatSummary } from '../../sdk/core/protocol.ts';
import { NAMESPACES } from '../../sdk/core/protocol.ts';
import { activeCustomer, codes, fromBlast, guesses, settle, uploads, type Attack } from './attackTools.ts';
import { blast } from './blast.ts';
import { connect, customerSession, startCustomer } from './floodClients.ts';

export const ATTACKS: Attack[] = [
  {
    name: 'wrong passwords for one agent from one address',
    limit: '3 failures per agent, 20 per address, then doubling delays',
    needsAgents: false,
    async run(context) {
      const ip = context.nextIp();
      return guesses(
        context,
        () => '1001',
        () => ip,
      );
    },
  },
  {
    name: 'wrong passwords for one agent from many addresses',
    limit: '3 failures per agent, then doubling delays',
    needsAgents: false,
    async run(context) {
      return guesses(
        context,
        () => '1002',
        () => context.nextIp(),
      );
    },
  },
  {
    name: 'wrong passwords for many agents from one address',
    limit: '20 failures per address, then doubling delays',
    needsAgents: false,
    async run(context) {
      const ip = context.nextIp();
      return guesses(
        context,
        (index) => `agent-${2000 + index}`,
        () => ip,
      );
    },
  },
  {
    name: 'customer sessions from one address',
    limit: '20 at once, then 10/min',
    needsAgents: false,
    async run({ target, sizes, nextIp }) {
      const ip = nextIp();
      const statuses: Record<string, number> = {};
      for (let index = 0; index < sizes.sessions; index += 10) {
        const batch = Array.from({ length: Math.min(10, sizes.sessions - index) }, () =>
          customerSession(target.url, ip),
        );
        for (const session of await Promise.all(batch))
          statuses[session.code ?? session.status] = (statuses[session.code ?? session.status] ?? 0) + 1;
      }
      const accepted = statuses['200'] ?? 0;
      return {
        attempts: sizes.sessions,
        accepted,
        refused: sizes.sessions - accepted,
        cutOff: null,
        detail: `answers: ${codes(statuses)}`,
        problems: accepted > 21 ? [`sessions: ${accepted} created from one address`] : [],
      };
    },
  },
  {
    name: 'chat:start with fresh ids, half to made-up queues',
    limit: 'one open chat per session; unknown queues refused',
    needsAgents: false,
    async run({ target, sizes, nextIp }) {
      const ip = nextIp();
      const session = await customerSession(target.url, ip);
      const opened = await connect(target.url, NAMESPACES.customer, session.token ?? '', ip);
      if ('refused' in opened) throw new Error(`[bench] attacker socket refused: ${opened.refused}`);
      const result = await blast(opened.socket, 'chat:start', sizes.starts, (index) => ({
        clientId: crypto.randomUUID(),
        ...(index % 2 === 1 ? { queue: `made-up-${index}` } : {}),
      }));
      opened.socket.close();
      const chats = new Set(result.data.map((data) => (data as { chat: ChatSummary }).chat.id));
      const outcome = fromBlast(result, sizes.starts, 'chat:start', `${chats.size} open chat(s); `);
      if (chats.size > 1) outcome.problems.push(`chat:start: one session opened ${chats.size} chats`);
      if ((result.refused['NOT_FOUND'] ?? 0) === 0)
        outcome.problems.push('chat:start: no made-up queue refused');
      return outcome;
    },
  },
  {
    name: 'sockets with one token',
    limit: '10 per token, 200 per address',
    needsAgents: false,
    async run({ target, sizes, nextIp }) {
      const ip = nextIp();
      const session = await customerSession(target.url, ip);
      const results = await Promise.all(
        Array.from({ length: sizes.sockets }, () =>
          connect(target.url, NAMESPACES.customer, session.token ?? '', ip),
        ),
      );
      const sockets = results.flatMap((result) => ('socket' in result ? [result.socket] : []));
      for (const socket of sockets) socket.close();
      const refusals: Record<string, number> = {};
      for (const result of results)
        if ('refused' in result) refusals[result.refused] = (refusals[result.refused] ?? 0) + 1;
      return {
        attempts: sizes.sockets,
        accepted: sockets.length,
        refused: sizes.sockets - sockets.length,
        cutOff: null,
        detail: `refused: ${codes(refusals)}`,
        problems: sockets.length > 10 ? [`sockets: ${sockets.length} open with one token`] : [],
      };
    },
  },
  {
    name: '1 MB uploads into a chat no agent accepted',
    limit: 'files only into an active chat',
    needsAgents: false,
    async run(context) {
      const ip = context.nextIp();
      const customer = await startCustomer(context.target.url, ip, 'Uploader');
      const outcome = await uploads(context, customer, ip);
      customer.socket.close();
      if (outcome.accepted > 0)
        outcome.problems.push(`uploads: ${outcome.accepted} files into a waiting chat`);
      return outcome;
    },
  },
  {
    name: 'message:send from one socket',
    limit: '20 at once, then 2/s; cut off after 50 refusals',
    needsAgents: true,
    async run(context) {
      const ip = context.nextIp();
      const customer = await activeCustomer(context, ip);
      const result = await blast(customer.socket, 'message:send', context.sizes.messages, () => ({
        chatId: customer.chatId,
        clientId: crypto.randomUUID(),
        text: 'spam spam spam',
      }));
      const again = await connect(context.target.url, NAMESPACES.customer, customer.token, ip);
      if ('socket' in again) again.socket.close();
      await settle();
      const stored = context.seen(customer.chatId).messages;
      const outcome = fromBlast(
        { ...result, ok: stored },
        20 + 2 * 10,
        'message:send',
        `stored and delivered: ${stored}; acked: ${result.ok}; reconnect: ${'refused' in again ? again.refused : 'allowed'}; `,
      );
      if (!result.cutOff) outcome.problems.push('message:send: the flooding socket was not cut off');
      customer.socket.close();
      return outcome;
    },
  },
  {
    name: 'chat:typing from one socket',
    limit: '10 at once, then 2/s; cut off after 50 refusals',
    needsAgents: true,
    async run(context) {
      const customer = await activeCustomer(context, context.nextIp());
      const result = await blast(
        customer.socket,
        'chat:typing',
        context.sizes.typing,
        (index) => ({ chatId: customer.chatId, typing: index % 2 === 0 }),
        false,
      );
      customer.socket.close();
      await settle();
      const relayed = context.seen(customer.chatId).typing;
      return {
        attempts: result.sent,
        accepted: relayed,
        refused: result.sent - relayed,
        cutOff: result.cutOff,
        detail: `typing notices that reached the agent: ${relayed}`,
        problems: [
          ...(result.cutOff ? [] : ['chat:typing: the flooding socket was not cut off']),
          ...(relayed > 10 + 2 * 10 ? [`chat:typing: ${relayed} notices reached the agent`] : []),
        ],
      };
    },
  },
  {
    name: 'chat:receipt from one socket',
    limit: '30 at once, then 5/s; cut off after 50 refusals',
    needsAgents: true,
    async run(context) {
      const customer = await activeCustomer(context, context.nextIp());
      const result = await blast(customer.socket, 'chat:receipt', context.sizes.receipts, () => ({
        chatId: customer.chatId,
        read: 0,
      }));
      customer.socket.close();
      const outcome = fromBlast(result, 30 + 5 * 10, 'chat:receipt');
      if (!result.cutOff) outcome.problems.push('chat:receipt: the flooding socket was not cut off');
      return outcome;
    },
  },
  {
    name: '1 MB uploads into an active chat',
    limit: '20 files or 50 MB per chat, 50 files per customer a day',
    needsAgents: true,
    async run(context) {
      const ip = context.nextIp();
      const customer = await activeCustomer(context, ip);
      const outcome = await uploads(context, customer, ip);
      customer.socket.close();
      if (outcome.accepted > 20) outcome.problems.push(`uploads: ${outcome.accepted} files into one chat`);
      return outcome;
    },
  },
  {
    name: 'transcript emails to one third party',
    limit: '3 per address a day, whoever asks',
    needsAgents: true,
    async run(context) {
      const statuses: Record<string, number> = {};
      for (let index = 0; index < context.sizes.transcripts; index++) {
        // A new session and chat from a new address each time: only the address limit can hold.
        const ip = context.nextIp();
        const customer = await activeCustomer(context, ip);
        const response = await fetch(
          `${context.target.url}/api/customer/chats/${customer.chatId}/transcript/email`,
          {
            method: 'POST',
            headers: {
              authorization: `Bearer ${customer.token}`,
              'content-type': 'application/json',
              'X-Forwarded-For': ip,
            },
            body: JSON.stringify({
              email: index % 2 === 0 ? 'Victim@Example.com' : `victim+${index}@example.com`,
            }),
          },
        );
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        await customer.socket
          .timeout(5000)
          .emitWithAck('chat:end', { chatId: customer.chatId })
          .catch(() => undefined);
        customer.socket.close();
      }
      const sent = statuses['200'] ?? 0;
      return {
        attempts: context.sizes.transcripts,
        accepted: sent,
        refused: context.sizes.transcripts - sent,
        cutOff: null,
        detail: `HTTP ${codes(statuses)} (to victim@example.com, with and without +tags)`,
        problems: sent > 3 ? [`transcripts: ${sent} mails to one address`] : [],
      };
    },
  },
];
