import { describe, expect, it } from 'vitest';
import { BoshError } from '../transport/bosh/boshTypes.ts';
import { HybridChatError, TimeoutError } from '../core/errors.ts';
import {
  isUnreachable,
  toHybridChatError,
  XmppAuthError,
  XmppStanzaError,
  XmppStreamError,
} from './errors.ts';

/** The shape of xmpp.js's errors (@xmpp/error: name, condition, text). */
const xmppJsError = (name: string, condition: string, text?: string) =>
  Object.assign(new Error(condition), { name, condition, text });

describe('toHybridChatError', () => {
  it('maps SASL, stanza, stream and timeout errors onto HybridChatError subclasses', () => {
    const auth = toHybridChatError(xmppJsError('SASLError', 'not-authorized'));
    expect(auth).toBeInstanceOf(XmppAuthError);
    expect(auth.code).toBe('UNAUTHORIZED');
    const stanza = toHybridChatError(xmppJsError('StanzaError', 'item-not-found', 'no such contact'));
    expect(stanza).toBeInstanceOf(XmppStanzaError);
    expect(stanza).toMatchObject({ code: 'NOT_FOUND', message: 'item-not-found: no such contact' });
    expect(toHybridChatError(xmppJsError('StanzaError', 'forbidden')).code).toBe('FORBIDDEN');
    expect(toHybridChatError(xmppJsError('StreamError', 'conflict'))).toBeInstanceOf(XmppStreamError);
    expect(toHybridChatError(xmppJsError('StreamError', 'conflict')).code).toBe('CONFLICT');
    expect(toHybridChatError(xmppJsError('TimeoutError', ''))).toBeInstanceOf(TimeoutError);
  });

  it('keeps HybridChatErrors as they are and wraps anything else as DISCONNECTED', () => {
    const bosh = new BoshError('item-not-found', 'gone');
    expect(toHybridChatError(bosh)).toBe(bosh);
    const other = toHybridChatError(new Error('WebSocket ECONNERROR ws://x'));
    expect(other).toBeInstanceOf(HybridChatError);
    expect(other.code).toBe('DISCONNECTED');
  });

  it('counts refused sign-ins as reachable, broken transports and timeouts as unreachable', () => {
    expect(isUnreachable(xmppJsError('SASLError', 'not-authorized'))).toBe(false);
    expect(isUnreachable(xmppJsError('StanzaError', 'bad-request'))).toBe(false);
    expect(isUnreachable(new BoshError('remote-connection-failed', 'x'))).toBe(true);
    expect(isUnreachable(xmppJsError('TimeoutError', ''))).toBe(true);
    expect(isUnreachable(new Error('ECONNREFUSED'))).toBe(true);
  });
});
