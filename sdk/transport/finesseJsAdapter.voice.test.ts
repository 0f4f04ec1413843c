/** finesse.js adapter tests: the voice snapshot built from the observed user. */
import { describe, expect, it } from 'vitest';
import { FinesseError, HybridChatError } from '../core/errors.ts';
import { apiErrorResponse, failure, setup, type UserData } from '../testing/fakeFinesseJs.ts';
import type { VoiceSnapshot } from './finesseJsAdapter.ts';

describe('finesse.js adapter: voice snapshot', () => {
  it('observes the configured user and reports UNKNOWN until finesse.js has loaded it', () => {
    const { adapter, fake, voice } = setup();

    expect(fake.options?.id).toBe('1001');
    expect(adapter.getSnapshot()).toMatchObject({
      loaded: false,
      state: 'UNKNOWN',
      callType: null,
      dialogs: [],
    });
    expect(voice).toEqual([]);
  });

  it('builds the snapshot from onLoad, with the reason of a NOT_READY state', () => {
    const { adapter, loadUser, voice } = setup();

    loadUser({
      state: 'NOT_READY',
      reasonCodeId: 16,
      reasonLabel: 'Handling Chat',
      stateChangeTime: '2026-11-22T10:00:00.000Z',
    });

    const expected: VoiceSnapshot = {
      loaded: true,
      state: 'NOT_READY',
      pendingState: null,
      reasonCodeId: '16',
      reasonLabel: 'Handling Chat',
      stateChangeTime: '2026-11-22T10:00:00.000Z',
      callType: null,
      dialogs: [],
    };
    expect(voice).toEqual([expected]);
    expect(adapter.getSnapshot()).toEqual(expected);
  });

  it('follows onChange, and emits nothing when nothing changed', () => {
    const { adapter, loadUser, changeUser, voice } = setup();
    loadUser({ state: 'READY' });

    changeUser({ state: 'READY' });
    changeUser({ state: 'TALKING', pendingState: 'NOT_READY' });

    expect(voice.map((v) => [v.state, v.pendingState])).toEqual([
      ['READY', null],
      ['TALKING', 'NOT_READY'],
    ]);
    expect(adapter.getSnapshot().state).toBe('TALKING');
  });

  it.each([
    [
      'a READY user with a stale reason',
      { state: 'READY', reasonCodeId: 16, reasonLabel: 'Handling Chat' },
      null,
      null,
    ],
    ['NOT_READY without a reason', { state: 'NOT_READY', reasonCodeId: -1 }, null, null],
    [
      'LOGOUT with a reason',
      { state: 'LOGOUT', reasonCodeId: 21, reasonLabel: 'End of Shift' },
      '21',
      'End of Shift',
    ],
  ])('reads the reason of %s', (_name, data: UserData, reasonCodeId, reasonLabel) => {
    const { adapter, loadUser } = setup();
    loadUser(data);
    expect(adapter.getSnapshot()).toMatchObject({ reasonCodeId, reasonLabel });
  });

  it('reports a state finesse.js does not list as UNKNOWN', () => {
    const { adapter, loadUser } = setup();
    loadUser({ state: 'DANCING' });
    expect(adapter.getSnapshot().state).toBe('UNKNOWN');
  });

  it('reports a throwing finesse.js getter as an error event instead of throwing into finesse.js', () => {
    const { fake, loadUser, errors } = setup();
    loadUser({ state: 'READY' });
    fake.user!.getState = () => {
      throw new Error('User not loaded');
    };

    expect(() => fake.options!.onChange!(fake.user!)).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(HybridChatError);
  });

  it('emits an error and rejects requests when the user fails to load', async () => {
    const { adapter, fake, errors } = setup();

    fake.options!.onError!(apiErrorResponse(401, 'Unauthorized', 'Invalid credentials'));

    expect(errors[0]).toMatchObject({ status: 401, errorType: 'Unauthorized' });
    const error = await failure(adapter.setState('READY'));
    expect(error).toBeInstanceOf(FinesseError);
    expect(error).toMatchObject({ status: 401, message: 'Invalid credentials' });
  });
});
