import { describe, expect, it } from 'vitest';
import { blend, normalizeBlendingSettings } from './blending.ts';
import type { BlendingDecision, BlendingInput, CallType, SavedVoiceState, VoiceAction } from './blending.ts';
import { VOICE_STATES } from './finesseXml.ts';
import type { VoiceState } from './finesseXml.ts';

const HC = '16'; // the configured "Handling Chat" reason code id
const settings = { maxChats: 5, notReadyReasonCodeId: HC, notReadyReasonLabel: 'Handling Chat' };
const none: VoiceAction = { type: 'none' };
const setNotReady: VoiceAction = { type: 'setNotReady', reasonLabel: 'Handling Chat', reasonCodeId: HC };

const input = (patch: Partial<BlendingInput> = {}): BlendingInput => ({
  voiceState: 'READY',
  callType: null,
  activeChats: 0,
  requested: 'READY',
  settings,
  ...patch,
});

/** Voice NOT_READY "Handling Chat" with READY saved: where the first chat leaves the agent. */
const handlingChat = (patch: Partial<BlendingInput> = {}): BlendingInput =>
  input({ voiceState: 'NOT_READY', voiceReasonCodeId: HC, voiceBeforeChat: { state: 'READY' }, ...patch });

describe('blend: the media-blending table', () => {
  it.each<[string, BlendingInput, Partial<BlendingDecision>]>([
    [
      'row "agent is ready for both voice and chats": Finesse READY → chat READY, routable',
      input(),
      { chatState: 'READY', routable: true, voiceAction: none, voiceBeforeChat: null },
    ],
    ...(['RESERVED', 'TALKING', 'HOLD', 'WORK', 'WORK_READY'] as const).map(
      (voiceState): [string, BlendingInput, Partial<BlendingDecision>] => [
        `row "voice call arrives": Finesse ${voiceState} → chat INTERRUPTED, nothing routed`,
        input({ voiceState, callType: 'inbound' }),
        { chatState: 'INTERRUPTED', routable: false, voiceAction: none },
      ],
    ),
    [
      'row "voice call ends": Finesse READY → chat READY again (the previous state)',
      input({ voiceState: 'READY', callType: null }),
      { chatState: 'READY', routable: true, voiceAction: none },
    ],
    [
      'row "voice call ends": chat goes back to the previous state, NOT_READY when the agent had asked for it',
      input({ voiceState: 'READY', callType: null, requested: 'NOT_READY' }),
      { chatState: 'NOT_READY', routable: false, voiceAction: none },
    ],
    [
      'row "chat request arrives": 1st chat → voice NOT_READY with the configured reason, chat ACTIVE',
      input({ activeChats: 1 }),
      { chatState: 'ACTIVE', routable: true, voiceAction: setNotReady, voiceBeforeChat: { state: 'READY' } },
    ],
    [
      'row "chat request arrives": below the max (4 of 5) → ACTIVE, still routable',
      handlingChat({ activeChats: 4 }),
      { chatState: 'ACTIVE', routable: true, voiceAction: none },
    ],
    [
      'row "chat request arrives": at the max (5 of 5) → BUSY, not routable',
      handlingChat({ activeChats: 5 }),
      { chatState: 'BUSY', routable: false, voiceAction: none },
    ],
    [
      'row "chat request arrives": the max is configurable (3 of 3) → BUSY',
      handlingChat({ activeChats: 3, settings: { ...settings, maxChats: 3 } }),
      { chatState: 'BUSY', routable: false },
    ],
    [
      'row "all chats end": voice state restored (READY), chat READY',
      handlingChat({ activeChats: 0 }),
      { chatState: 'READY', routable: true, voiceAction: { type: 'restore', state: 'READY' } },
    ],
  ])('%s', (_name, given, expected) => {
    expect(blend(given)).toMatchObject(expected);
  });
});

describe('blend: the internal-call table', () => {
  const rows = (['transfer', 'conference', 'consult', 'direct'] as const).flatMap((callType) => [
    [
      `"${callType} call arrived" with no active chats → INTERRUPTED`,
      callType,
      0,
      'INTERRUPTED',
      false,
    ] as const,
    [
      `"${callType} call arrived" with >=1 active chats → NOT INTERRUPTED`,
      callType,
      1,
      'ACTIVE',
      true,
    ] as const,
  ]);
  it.each(rows)('%s', (_name, callType: CallType, activeChats, chatState, routable) => {
    const given =
      activeChats === 0 ? input({ voiceState: 'TALKING', callType }) : handlingChat({ activeChats });
    const decision = blend({ ...given, voiceState: 'TALKING', callType });
    expect(decision).toMatchObject({ chatState, routable, voiceAction: none });
  });

  it('keeps an agent at the max BUSY (not INTERRUPTED) during an internal call', () => {
    expect(
      blend(handlingChat({ activeChats: 5, voiceState: 'TALKING', callType: 'transfer' })).chatState,
    ).toBe('BUSY');
  });

  it.each<[string, CallType | null]>([
    ['a routed inbound call (a race with the first chat) interrupts even with chats', 'inbound'],
    ['a call of unknown type counts as a routed call and interrupts', null],
  ])('%s', (_name, callType) => {
    const decision = blend(handlingChat({ activeChats: 2, voiceState: 'TALKING', callType }));
    expect(decision).toMatchObject({ chatState: 'INTERRUPTED', routable: false, voiceAction: none });
  });

  it('leaves voice alone while a dialog is alerting, even before Finesse reports the call state', () => {
    const decision = blend(input({ voiceState: 'READY', callType: 'consult', activeChats: 1 }));
    expect(decision).toMatchObject({ chatState: 'ACTIVE', voiceAction: none, voiceBeforeChat: null });
  });

  it('interrupts as soon as the dialog is known, before Finesse reports the call state', () => {
    expect(blend(input({ voiceState: 'READY', callType: 'inbound' }))).toMatchObject({
      chatState: 'INTERRUPTED',
      voiceAction: none,
    });
  });
});

/** Plays steps like a server would: threads the memory and lets "Finesse" apply each voice action. */
interface Step {
  patch: Partial<BlendingInput>;
  chatState: BlendingDecision['chatState'];
  action: VoiceAction;
}
function play(steps: Step[], start: Partial<BlendingInput> = {}): SavedVoiceState | null {
  let current = input(start);
  for (const [i, step] of steps.entries()) {
    current = { ...current, ...step.patch };
    const decision = blend(current);
    expect({ step: i, state: decision.chatState, action: decision.voiceAction }).toEqual({
      step: i,
      state: step.chatState,
      action: step.action,
    });
    current = { ...current, voiceBeforeChat: decision.voiceBeforeChat };
    const action = decision.voiceAction;
    if (action.type === 'setNotReady')
      current = { ...current, voiceState: 'NOT_READY', voiceReasonCodeId: action.reasonCodeId ?? null };
    if (action.type === 'restore')
      current = { ...current, voiceState: action.state, voiceReasonCodeId: action.reasonCodeId ?? null };
  }
  return current.voiceBeforeChat ?? null;
}

describe('blend: transitions', () => {
  it('READY → call arrives → INTERRUPTED → call ends → READY again, never touching voice', () => {
    play([
      { patch: {}, chatState: 'READY', action: none },
      { patch: { voiceState: 'RESERVED', callType: 'inbound' }, chatState: 'INTERRUPTED', action: none },
      { patch: { voiceState: 'TALKING' }, chatState: 'INTERRUPTED', action: none },
      { patch: { voiceState: 'WORK' }, chatState: 'INTERRUPTED', action: none },
      { patch: { voiceState: 'READY', callType: null }, chatState: 'READY', action: none },
    ]);
  });

  it('1st chat → NOT_READY "Handling Chat", 5th → BUSY, back to 4 → ACTIVE, all end → voice READY restored', () => {
    const memory = play([
      { patch: { activeChats: 1 }, chatState: 'ACTIVE', action: setNotReady },
      { patch: { activeChats: 2 }, chatState: 'ACTIVE', action: none },
      { patch: { activeChats: 5 }, chatState: 'BUSY', action: none },
      { patch: { activeChats: 4 }, chatState: 'ACTIVE', action: none },
      { patch: { activeChats: 0 }, chatState: 'READY', action: { type: 'restore', state: 'READY' } },
      { patch: {}, chatState: 'READY', action: none },
    ]);
    expect(memory).toBeNull();
  });

  it('an internal call with an active chat does not interrupt, and voice is left alone during it', () => {
    play([
      { patch: { activeChats: 1 }, chatState: 'ACTIVE', action: setNotReady },
      { patch: { voiceState: 'TALKING', callType: 'consult' }, chatState: 'ACTIVE', action: none },
      { patch: { voiceState: 'NOT_READY', callType: null }, chatState: 'ACTIVE', action: none },
    ]);
  });

  it('chats that end during an internal call restore voice only once the call is over', () => {
    play([
      { patch: { activeChats: 1 }, chatState: 'ACTIVE', action: setNotReady },
      { patch: { voiceState: 'TALKING', callType: 'direct' }, chatState: 'ACTIVE', action: none },
      { patch: { activeChats: 0 }, chatState: 'INTERRUPTED', action: none },
      { patch: { voiceState: 'NOT_READY', callType: null }, chatState: 'READY', action: restoreReady() },
    ]);
  });

  it('restores the NOT_READY reason the agent had before the first chat', () => {
    play(
      [
        { patch: { activeChats: 1 }, chatState: 'ACTIVE', action: setNotReady },
        {
          patch: { activeChats: 0 },
          chatState: 'READY',
          action: { type: 'restore', state: 'NOT_READY', reasonCodeId: '7' },
        },
      ],
      { voiceState: 'NOT_READY', voiceReasonCodeId: '7' },
    );
  });

  it('puts voice back to NOT_READY when the agent goes READY mid-chat, and restores READY at the end', () => {
    const memory = play([
      { patch: { activeChats: 1 }, chatState: 'ACTIVE', action: setNotReady },
      { patch: { voiceState: 'READY', voiceReasonCodeId: null }, chatState: 'ACTIVE', action: setNotReady },
      { patch: { activeChats: 0 }, chatState: 'READY', action: restoreReady() },
      { patch: {}, chatState: 'READY', action: none },
    ]);
    expect(memory).toBeNull();
  });

  it('respects a NOT_READY reason the agent picks mid-chat and restores nothing over it', () => {
    const memory = play([
      { patch: { activeChats: 1 }, chatState: 'ACTIVE', action: setNotReady },
      { patch: { voiceReasonCodeId: '9' }, chatState: 'ACTIVE', action: none },
      { patch: { activeChats: 0 }, chatState: 'READY', action: none },
    ]);
    expect(memory).toBeNull();
    // Their choice becomes the state to go back to, should voice return to "Handling Chat" meanwhile.
    expect(blend(handlingChat({ activeChats: 1, voiceReasonCodeId: '9' })).voiceBeforeChat).toEqual({
      state: 'NOT_READY',
      reasonCodeId: '9',
    });
  });
});

function restoreReady(): VoiceAction {
  return { type: 'restore', state: 'READY' };
}

describe('blend: idempotent on repeated calls', () => {
  it('repeats setNotReady while Finesse still shows READY (a lost PUT is retried), then stops', () => {
    const first = blend(input({ activeChats: 1 }));
    const stale = blend(input({ activeChats: 2, voiceBeforeChat: first.voiceBeforeChat }));
    expect(stale.voiceAction).toEqual(setNotReady);
    expect(stale.voiceBeforeChat).toEqual({ state: 'READY' });
    expect(blend(handlingChat({ activeChats: 2 })).voiceAction).toEqual(none);
  });

  it('repeats the restore while voice still shows "Handling Chat" and keeps the memory until it does not', () => {
    const decision = blend(handlingChat({ voiceBeforeChat: { state: 'NOT_READY', reasonCodeId: '7' } }));
    expect(decision.voiceAction).toEqual({ type: 'restore', state: 'NOT_READY', reasonCodeId: '7' });
    expect(blend({ ...handlingChat(), voiceBeforeChat: decision.voiceBeforeChat }).voiceAction).toEqual(
      decision.voiceAction,
    );
  });

  it('restores READY when the memory was lost (server restart) and voice sits in "Handling Chat"', () => {
    expect(blend(handlingChat({ voiceBeforeChat: null })).voiceAction).toEqual(restoreReady());
  });

  it('never saves "Handling Chat" as the state to go back to', () => {
    expect(blend(handlingChat({ activeChats: 1, voiceBeforeChat: null })).voiceBeforeChat).toEqual({
      state: 'READY',
    });
  });

  it('recognises its own reason by label when no reason code id is configured', () => {
    const byLabel = { maxChats: 5, notReadyReasonLabel: 'Handling Chat' };
    const given = input({ voiceState: 'NOT_READY', voiceReasonLabel: 'handling chat', settings: byLabel });
    expect(blend({ ...given, activeChats: 2, voiceBeforeChat: { state: 'READY' } }).voiceAction).toEqual(
      none,
    );
    expect(blend({ ...given, voiceBeforeChat: { state: 'READY' } }).voiceAction).toEqual(restoreReady());
    expect(blend(input({ activeChats: 1, settings: byLabel })).voiceAction).toEqual({
      type: 'setNotReady',
      reasonLabel: 'Handling Chat',
    });
  });
});

describe('blend: agent state and unusual voice states', () => {
  it.each(VOICE_STATES.map((v) => [v]))(
    'agent asked NOT_READY for chat: NOT_READY and not routable whatever voice does (%s)',
    (voiceState: VoiceState) => {
      const decision = blend(input({ voiceState, requested: 'NOT_READY' }));
      expect(decision).toMatchObject({ chatState: 'NOT_READY', routable: false });
    },
  );

  it('keeps voice NOT_READY "Handling Chat" while an agent who asked NOT_READY finishes open chats', () => {
    expect(blend(handlingChat({ activeChats: 2, requested: 'NOT_READY' })).voiceAction).toEqual(none);
    expect(blend(input({ activeChats: 1, requested: 'NOT_READY' })).voiceAction).toEqual(setNotReady);
  });

  it('voice LOGOUT: chat NOT_READY, no voice action, the saved voice state forgotten', () => {
    expect(blend(handlingChat({ voiceState: 'LOGOUT', activeChats: 2 }))).toEqual({
      chatState: 'NOT_READY',
      routable: false,
      voiceAction: none,
      voiceBeforeChat: null,
    });
  });

  it.each<[VoiceState, number, BlendingDecision['chatState']]>([
    ['UNKNOWN', 0, 'READY'],
    ['UNKNOWN', 3, 'ACTIVE'],
    ['LOGIN', 0, 'READY'],
    ['LOGIN', 5, 'BUSY'],
  ])(
    'voice %s with %i chats: state kept (%s) but no new offers, no voice action, memory kept',
    (voiceState, n, state) => {
      const decision = blend(handlingChat({ voiceState, activeChats: n }));
      expect(decision).toEqual({
        chatState: state,
        routable: false,
        voiceAction: none,
        voiceBeforeChat: { state: 'READY' },
      });
    },
  );

  it('voice NOT_READY with no chats (chat-only work) still lets chats be routed', () => {
    expect(blend(input({ voiceState: 'NOT_READY', voiceReasonCodeId: '7' }))).toMatchObject({
      chatState: 'READY',
      routable: true,
    });
  });

  it.each([
    [7, 'BUSY'],
    [-2, 'READY'],
    [Number.NaN, 'READY'],
  ])('treats a chat count of %s as %s (max lowered below the open chats; bad counts as none)', (n, state) => {
    expect(blend(handlingChat({ activeChats: n })).chatState).toBe(state);
  });
});

describe('normalizeBlendingSettings', () => {
  it.each([
    [undefined, 5],
    [0, 1],
    [3, 3],
    [9, 5],
    [Number.NaN, 5],
  ])('maxChats %s → %i (up to 5 concurrent chats)', (maxChats, expected) => {
    expect(normalizeBlendingSettings(maxChats === undefined ? {} : { maxChats }).maxChats).toBe(expected);
  });

  it('defaults the reason label to "Handling Chat" and keeps a configured id', () => {
    expect(normalizeBlendingSettings({ notReadyReasonLabel: '  ' })).toEqual({
      maxChats: 5,
      notReadyReasonLabel: 'Handling Chat',
    });
    expect(normalizeBlendingSettings({ notReadyReasonCodeId: '16' }).notReadyReasonCodeId).toBe('16');
  });
});
