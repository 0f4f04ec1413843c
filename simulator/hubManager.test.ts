import { describe, expect, it } from 'vitest';
import { createHubManager, topicMatches, type HubPeer } from './desktop/hubManager.ts';
import { nodeTopic } from './desktop/finesseMaster.ts';

// The desktop's OpenAjax hub manager (desktop/hubManager.ts): topic matching and routing.
function peer() {
  const got: { subId: string; topic: string; data: string }[] = [];
  const window: HubPeer = { postMessage: (message) => got.push(message as (typeof got)[number]) };
  return { window, got };
}

describe('OpenAjax topics', () => {
  it('matches * to one token and a final ** to one or more', () => {
    expect(topicMatches('finesse.api.User.1001', 'finesse.api.User.1001')).toBe(true);
    expect(topicMatches('finesse.api.User.1001', 'finesse.api.User.1001.Dialogs')).toBe(false);
    expect(topicMatches('finesse.clientLogging.*', 'finesse.clientLogging.1001')).toBe(true);
    expect(topicMatches('finesse.clientLogging.*', 'finesse.clientLogging')).toBe(false);
    expect(topicMatches('finesse.*.User.1001', 'finesse.api.User.1001')).toBe(true);
    expect(topicMatches('finesse.**', 'finesse.api.User.1001.Dialogs')).toBe(true);
    expect(topicMatches('finesse.**', 'finesse')).toBe(false);
    expect(topicMatches('**.x', 'a.x')).toBe(false);
  });

  it("names a REST node's topic as Finesse does", () => {
    expect(nodeTopic('/finesse/api/User/1001/Dialogs')).toBe('finesse.api.User.1001.Dialogs');
  });
});

describe('hub manager', () => {
  it('routes a gadget publish to every matching subscription, the publisher and the desktop included', () => {
    const hub = createHubManager('http://sim.test');
    const a = peer();
    const b = peer();
    const local: unknown[] = [];
    hub.subscribe('finesse.info.requests', (_topic, data) => local.push(data));
    hub.receive(a.window, { type: 'hubSubscribe', subId: 'sub1', topic: 'demo.*' });
    hub.receive(b.window, { type: 'hubSubscribe', subId: 'sub1', topic: 'demo.text' });
    hub.receive(b.window, { type: 'hubSubscribe', subId: 'sub2', topic: 'other' });
    hub.receive(a.window, { type: 'hubPublish', topic: 'demo.text', data: '{"text":"hi"}' });
    hub.receive(a.window, { type: 'hubPublish', topic: 'finesse.info.requests', data: '{"type":"X"}' });
    expect(a.got).toEqual([
      {
        channel: 'finesse-sim',
        type: 'hubMessage',
        subId: 'sub1',
        topic: 'demo.text',
        data: '{"text":"hi"}',
      },
    ]);
    expect(b.got.map((m) => m.subId)).toEqual(['sub1']);
    expect(local).toEqual([{ type: 'X' }]);
  });

  it('forgets a page’s subscriptions when it reloads (hubConnect) or unsubscribes; publishTo reaches one gadget', () => {
    const hub = createHubManager('http://sim.test');
    const a = peer();
    const b = peer();
    hub.receive(a.window, { type: 'hubSubscribe', subId: 'sub1', topic: 't' });
    hub.receive(b.window, { type: 'hubSubscribe', subId: 'sub1', topic: 't' });
    hub.publishTo(a.window, 't', { maxAvailableHeight: 300 });
    expect([a.got.length, b.got.length]).toEqual([1, 0]);
    hub.receive(a.window, { type: 'hubConnect' });
    hub.receive(b.window, { type: 'hubUnsubscribe', subId: 'sub1' });
    hub.publish('t', undefined);
    expect([a.got.length, b.got.length]).toEqual([1, 0]);
  });

  it('drops malformed messages: bad topics, wildcards in a publish, data that is not JSON', () => {
    const hub = createHubManager('http://sim.test');
    const a = peer();
    const local: unknown[] = [];
    hub.subscribe('t', (_topic, data) => local.push(data));
    hub.subscribe('*', (_topic, data) => local.push(['any', data]));
    hub.receive(a.window, { type: 'hubPublish', topic: '*', data: '1' });
    hub.receive(a.window, { type: 'hubSubscribe', subId: 's', topic: 'a..b' });
    hub.receive(a.window, { type: 'hubPublish', topic: 't', data: '{nope' });
    hub.receive(a.window, { type: 'hubPublish', topic: 't', data: 42 });
    hub.receive(a.window, { type: 'hubPublish', topic: 't', data: '' });
    expect(local).toEqual([undefined, ['any', undefined]]);
  });
});
