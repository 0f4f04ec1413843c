/** Test helpers for code built on the SDK (not part of the public entry `sdk/index.ts`). */
export { createFakeChatServer } from './fakeTransport.ts';
export type { FakeChatServer, FakeEmit, FakeFaults, FakeListen, FakeTransport } from './fakeTransport.ts';
export type { FakeChatInit, FakeChatStore } from './fakeChatStore.ts';
