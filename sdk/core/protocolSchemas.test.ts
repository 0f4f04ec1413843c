import { describe, expect, it } from 'vitest';
import { ProtocolError } from './errors.ts';
import { LIMITS } from './protocol.ts';
import { parsePayload } from './protocolSchemas.ts';

const send = { chatId: 'chat-1', clientId: '0b8a1d3e-7c2f-4e59-9a1b-2c3d4e5f6a7b', text: 'Hello\n\tthere' };

function problemOf(fn: () => unknown): ProtocolError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error('expected a ProtocolError');
}

describe('parsePayload', () => {
  it('accepts good payloads of every event', () => {
    expect(parsePayload('message:send', send)).toEqual(send);
    expect(parsePayload('chat:sync', { chatId: 'c', afterSeq: 0 })).toEqual({ chatId: 'c', afterSeq: 0 });
    expect(parsePayload('chat:list', {})).toEqual({});
    expect(parsePayload('chat:typing', { chatId: 'c', typing: true })).toEqual({ chatId: 'c', typing: true });
    expect(parsePayload('chat:end', { chatId: 'c' })).toEqual({ chatId: 'c' });
    expect(
      parsePayload('chat:start', { clientId: 'x', queue: 'sales', preChat: { email: 'a@b.c' } }),
    ).toEqual({
      clientId: 'x',
      queue: 'sales',
      preChat: { email: 'a@b.c' },
    });
    expect(parsePayload('agent:setState', { state: 'READY' })).toEqual({ state: 'READY' });
    expect(parsePayload('offer:accept', { chatId: 'c' })).toEqual({ chatId: 'c' });
    expect(parsePayload('customerSession', { name: '  Ada  ' })).toEqual({ name: 'Ada' });
    expect(
      parsePayload('agentSession', { agentId: 'jdoe@x.com', authorization: 'Basic amRvZTpwdw==' }),
    ).toEqual({
      agentId: 'jdoe@x.com',
      authorization: 'Basic amRvZTpwdw==',
    });
  });

  it('accepts text of exactly the limit and refuses one character more', () => {
    expect(parsePayload('message:send', { ...send, text: 'x'.repeat(LIMITS.messageText) }).text).toHaveLength(
      LIMITS.messageText,
    );
    const problem = problemOf(() =>
      parsePayload('message:send', { ...send, text: 'x'.repeat(LIMITS.messageText + 1) }),
    );
    expect(problem.code).toBe('PROTOCOL');
    expect(problem.message).toMatch(/^invalid message:send payload: text: /);
  });

  it('refuses control characters other than tab and newline', () => {
    for (const bad of ['\u0000', '\u0007', '\u001b[31m', '\u007f', 'a\u000bb']) {
      expect(problemOf(() => parsePayload('message:send', { ...send, text: `hi ${bad}` })).message).toContain(
        'control characters',
      );
    }
    expect(problemOf(() => parsePayload('customerSession', { name: 'Ada\u0000' })).message).toContain('name');
  });

  it('refuses empty or blank messages', () => {
    expect(problemOf(() => parsePayload('message:send', { ...send, text: ' \n ' })).message).toContain(
      'empty message',
    );
  });

  it('refuses extra keys', () => {
    expect(problemOf(() => parsePayload('message:send', { ...send, seq: 4 })).message).toContain(
      'message:send',
    );
    expect(problemOf(() => parsePayload('chat:list', { all: true })).message).toContain('chat:list');
  });

  it('refuses bad ids: empty, too long or not a string', () => {
    expect(() => parsePayload('chat:end', { chatId: '' })).toThrow(ProtocolError);
    expect(() => parsePayload('chat:end', { chatId: 'x'.repeat(LIMITS.clientId + 1) })).toThrow(
      ProtocolError,
    );
    expect(() => parsePayload('chat:end', { chatId: 42 })).toThrow(ProtocolError);
    expect(problemOf(() => parsePayload('message:send', { ...send, clientId: '' })).message).toContain(
      'clientId',
    );
  });

  it('refuses wrong types, negative seqs and unknown agent states', () => {
    expect(() => parsePayload('chat:sync', { chatId: 'c', afterSeq: -1 })).toThrow(ProtocolError);
    expect(() => parsePayload('chat:sync', { chatId: 'c', afterSeq: 1.5 })).toThrow(ProtocolError);
    expect(() => parsePayload('chat:typing', { chatId: 'c', typing: 'yes' })).toThrow(ProtocolError);
    expect(() => parsePayload('agent:setState', { state: 'TALKING' })).toThrow(ProtocolError);
    expect(() => parsePayload('message:send', null)).toThrow(ProtocolError);
  });

  it('refuses too many pre-chat fields and malformed session requests', () => {
    const preChat = Object.fromEntries(
      Array.from({ length: LIMITS.preChatFields + 1 }, (_, i) => [`f${i}`, 'v']),
    );
    expect(problemOf(() => parsePayload('chat:start', { clientId: 'x', preChat })).message).toContain(
      'too many pre-chat fields',
    );
    expect(() => parsePayload('agentSession', { agentId: 'a b', authorization: 'Basic x' })).toThrow(
      ProtocolError,
    );
    expect(() => parsePayload('agentSession', { agentId: 'a', authorization: 'Digest x' })).toThrow(
      ProtocolError,
    );
    expect(() => parsePayload('customerSession', { name: '   ' })).toThrow(ProtocolError);
  });
});
