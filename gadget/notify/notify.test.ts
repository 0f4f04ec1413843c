import { describe, expect, it, vi } from 'vitest';
import { createChime } from './chime.ts';
import { alertPermission, requestAlertPermission, showOfferAlert } from './desktopNotification.ts';

/** Just enough of an AudioContext to count the notes played. */
function fakeAudio() {
  const started: number[] = [];
  const param = () => ({ setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() });
  class FakeContext {
    state = 'running';
    currentTime = 0;
    destination = {};
    resume = vi.fn(async () => {});
    close = vi.fn(async () => {});
    createOscillator() {
      return {
        type: '',
        frequency: param(),
        connect: (node: unknown) => node,
        start: (at: number) => started.push(at),
        stop: vi.fn(),
      };
    }
    createGain() {
      return { gain: param(), connect: (node: unknown) => node };
    }
  }
  return { started, FakeContext: FakeContext as unknown as new () => AudioContext };
}

describe('createChime', () => {
  it('stays silent until the first click or key, then plays two notes', () => {
    const target = new EventTarget() as unknown as Document;
    const { started, FakeContext } = fakeAudio();
    const chime = createChime(target, FakeContext);
    expect(chime.play()).toBe(false);
    target.dispatchEvent(new Event('pointerdown'));
    expect(chime.play()).toBe(true);
    expect(started).toHaveLength(2);
    chime.dispose();
    expect(chime.play()).toBe(false);
  });

  it('does nothing where there is no Web Audio', () => {
    const target = new EventTarget() as unknown as Document;
    const chime = createChime(target, undefined);
    target.dispatchEvent(new Event('keydown'));
    expect(chime.play()).toBe(false);
  });
});

function fakeNotifications(permission: NotificationPermission, answer: NotificationPermission = permission) {
  const shown: { title: string; options?: NotificationOptions; close: () => void; onclick?: () => void }[] =
    [];
  class FakeNotification {
    static permission = permission;
    static requestPermission = vi.fn(async () => answer);
    onclick: (() => void) | null = null;
    close = vi.fn();
    constructor(title: string, options?: NotificationOptions) {
      shown.push(this as never);
      Object.assign(this, { title, options });
    }
  }
  const scope = { Notification: FakeNotification, focus: vi.fn(), parent: { focus: vi.fn() } };
  return { shown, scope: scope as unknown as typeof globalThis, FakeNotification };
}

const alert = { title: 'Incoming chat from Dana', body: 'Dana is waiting in support.', tag: 'offer-1' };

describe('desktop notifications', () => {
  it('show only while the page is hidden and permission was granted', () => {
    const granted = fakeNotifications('granted');
    expect(showOfferAlert(alert, { scope: granted.scope, doc: { visibilityState: 'visible' } })).toBeNull();
    const close = showOfferAlert(alert, { scope: granted.scope, doc: { visibilityState: 'hidden' } });
    expect(granted.shown).toHaveLength(1);
    expect(granted.shown[0]).toMatchObject({
      title: alert.title,
      options: { body: alert.body, tag: 'offer-1' },
    });
    close?.();
    expect(granted.shown[0]?.close).toHaveBeenCalled();

    const denied = fakeNotifications('denied');
    expect(showOfferAlert(alert, { scope: denied.scope, doc: { visibilityState: 'hidden' } })).toBeNull();
    expect(denied.shown).toHaveLength(0);
  });

  it('bring the desktop forward when clicked', () => {
    const { shown, scope } = fakeNotifications('granted');
    showOfferAlert(alert, { scope, doc: { visibilityState: 'hidden' } });
    shown[0]?.onclick?.();
    expect(scope.focus).toHaveBeenCalled();
    expect(shown[0]?.close).toHaveBeenCalled();
  });

  it('report the permission, and ask for it only when told to', async () => {
    const { scope, FakeNotification } = fakeNotifications('default', 'granted');
    expect(alertPermission(scope)).toBe('default');
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    await expect(requestAlertPermission(scope)).resolves.toBe('granted');
    expect(alertPermission({} as typeof globalThis)).toBe('unsupported');
    await expect(requestAlertPermission({} as typeof globalThis)).resolves.toBe('unsupported');
  });
});
