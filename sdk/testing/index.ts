/** Test helpers for code built on the SDK: `hybrid-chat/sdk/testing`, apart from `hybrid-chat/sdk` so that apps do not bundle them. */
export { createFakeChatServer } from './fakeTransport.ts';
export type { FakeChatServer, FakeEmit, FakeFaults, FakeListen, FakeTransport } from './fakeTransport.ts';
export type { FakeChatInit, FakeChatStore } from './fakeChatStore.ts';
// The agent's side: a fake `/agent` socket and chat client for tests of an agent store (createAgentStore).
export { createFakeAgentChats, createFakeAgentServer } from './fakeAgentServer.ts';
export type { FakeAgentChats, FakeAgentServer } from './fakeAgentServer.ts';
export { sampleChat, sampleOffer, sampleReadyStatus } from './agentFixtures.ts';
