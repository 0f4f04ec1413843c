/**
 * OtherNodes (server/core/otherNodes.ts) over Redis pub/sub: a question is published to every node;
 * each runs its handler for the topic, and one that has an answer publishes it on the asker's reply
 * channel. The asker takes the first answer, or none after `timeoutMs` (nobody had it, or Redis lost
 * the question: the same to the asker, who answers as if the thing did not exist).
 */
import { randomUUID } from 'node:crypto';
import { HybridChatError, type HybridChatErrorCode } from '../../sdk/core/errors.ts';
import type { OtherNodes } from '../core/otherNodes.ts';
import type { RedisClients } from './redisClients.ts';

const QUESTIONS = 'hybrid-chat:nodes:question';
const answersTo = (nodeId: string) => `hybrid-chat:nodes:answer:${nodeId}`;

interface Question {
  id: string;
  node: string;
  topic: string;
  payload: unknown;
}

interface Answer {
  id: string;
  value?: unknown;
  error?: { code: HybridChatErrorCode; message: string };
}

export async function createNodeQuestions(options: {
  clients: Pick<RedisClients, 'publisher' | 'subscriber'>;
  nodeId: string;
  timeoutMs?: number;
  log: { warn(obj: object, msg: string): void };
}): Promise<OtherNodes & { close(): void }> {
  const { publisher, subscriber } = options.clients;
  const timeoutMs = options.timeoutMs ?? 2000;
  const handlers = new Map<string, (payload: unknown) => Promise<unknown>>();
  const waiting = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();

  subscriber.on('message', (channel: string, text: string) => {
    if (channel === answersTo(options.nodeId)) {
      const answer = JSON.parse(text) as Answer;
      const asker = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (answer.error) asker?.reject(new HybridChatError(answer.error.code, answer.error.message));
      else asker?.resolve(answer.value);
    } else if (channel === QUESTIONS) {
      const question = JSON.parse(text) as Question;
      if (question.node !== options.nodeId) void reply(question);
    }
  });
  await subscriber.subscribe(QUESTIONS, answersTo(options.nodeId));

  async function reply(question: Question): Promise<void> {
    const handler = handlers.get(question.topic);
    if (!handler) return;
    let answer: Answer;
    try {
      const value = await handler(question.payload);
      if (value === undefined) return;
      answer = { id: question.id, value };
    } catch (error) {
      if (!(error instanceof HybridChatError)) {
        options.log.warn({ err: error, topic: question.topic }, 'answering another node failed');
      }
      answer = {
        id: question.id,
        error:
          error instanceof HybridChatError
            ? { code: error.code, message: error.message }
            : { code: 'INTERNAL', message: 'another node failed' },
      };
    }
    await publisher.publish(answersTo(question.node), JSON.stringify(answer)).catch(() => 0);
  }

  return {
    ask(topic, payload) {
      const id = randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(undefined);
        }, timeoutMs);
        const done =
          <T>(settle: (value: T) => void) =>
          (value: T) => {
            clearTimeout(timer);
            settle(value);
          };
        waiting.set(id, { resolve: done(resolve), reject: done(reject) });
        const question: Question = { id, node: options.nodeId, topic, payload };
        publisher.publish(QUESTIONS, JSON.stringify(question)).catch(() => undefined);
      });
    },
    answer(topic, handler) {
      handlers.set(topic, handler);
    },
    close() {
      for (const asker of waiting.values()) asker.resolve(undefined);
      waiting.clear();
    },
  };
}
