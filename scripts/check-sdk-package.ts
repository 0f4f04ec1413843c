/**
 * After `npm run build`: imports the SDK the way integrators do (`hybrid-chat/sdk`, the
 * package's `exports` entry) and checks that its entry points and type declarations are there,
 * then runs the package's `bin` (the admin tool) as an installed executable.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// A variable specifier: the type check runs before the build that creates dist/.
const specifier = 'hybrid-chat/sdk';
const sdk = (await import(specifier)) as Record<string, unknown>;
const expected = [
  'createChatClient',
  'createSocketIoTransport',
  'createCustomerSession',
  'createAgentSession',
  'HybridChatError',
  // What the widget and the gadget use besides (they import the SDK through its entries only).
  'createConversationApi',
  'createHttpClient',
  'createSessionRenewal',
  'createCustomerClient',
  'checkPrechat',
  'labelIn',
  // The agent's side (the gadget and examples/bot-agent use it).
  'createAgentClient',
  'createAgentStore',
  'createAgentVoiceSync',
  'fillPlaceholders',
];
const missing = expected.filter((name) => typeof sdk[name] !== 'function');
const types = resolve(import.meta.dirname, '../dist/sdk/index.d.ts');
if (missing.length > 0 || !existsSync(types)) {
  console.error(`[hybrid-chat] hybrid-chat/sdk is incomplete: missing ${missing.join(', ') || 'index.d.ts'}`);
  process.exit(1);
}
console.log(`[hybrid-chat] hybrid-chat/sdk exports ${Object.keys(sdk).length} names, with type declarations`);

// The test kit: a fake chat server to test a UI built on the SDK without one.
const testingSpecifier = 'hybrid-chat/sdk/testing';
const testing = (await import(testingSpecifier)) as Record<string, unknown>;
if (
  typeof testing.createFakeChatServer !== 'function' ||
  !existsSync(resolve(import.meta.dirname, '../dist/sdk/testing/index.d.ts'))
) {
  console.error('[hybrid-chat] hybrid-chat/sdk/testing is incomplete: createFakeChatServer or its types');
  process.exit(1);
}
console.log('[hybrid-chat] hybrid-chat/sdk/testing exports the fake chat server, with type declarations');

// The desktop chat's entry (`hybrid-chat/sdk/desktop-chat`), likewise.
const desktopChatSpecifier = 'hybrid-chat/sdk/desktop-chat';
const desktopChat = (await import(desktopChatSpecifier)) as Record<string, unknown>;
const desktopChatMissing = [
  'createDesktopChat',
  'addBoshTransport',
  'HybridChatError',
  'XmppAuthError',
].filter((name) => typeof desktopChat[name] !== 'function');
const desktopChatTypes = resolve(import.meta.dirname, '../dist/sdk/desktop-chat/index.d.ts');
if (desktopChatMissing.length > 0 || !existsSync(desktopChatTypes)) {
  console.error(
    `[hybrid-chat] ${desktopChatSpecifier} is incomplete: missing ${desktopChatMissing.join(', ') || 'index.d.ts'}`,
  );
  process.exit(1);
}
console.log(
  `[hybrid-chat] ${desktopChatSpecifier} exports ${Object.keys(desktopChat).length} names, with type declarations`,
);

// The React hooks (`hybrid-chat/sdk/react`) over the SDK's stores.
const reactSpecifier = 'hybrid-chat/sdk/react';
const react = (await import(reactSpecifier)) as Record<string, unknown>;
const reactMissing = ['useAgent', 'useChatClient', 'useCustomer', 'useStore'].filter(
  (name) => typeof react[name] !== 'function',
);
if (reactMissing.length > 0 || !existsSync(resolve(import.meta.dirname, '../dist/sdk/react/index.d.ts'))) {
  console.error(
    `[hybrid-chat] ${reactSpecifier} is incomplete: missing ${reactMissing.join(', ') || 'index.d.ts'}`,
  );
  process.exit(1);
}
console.log(`[hybrid-chat] ${reactSpecifier} exports its hooks, with type declarations`);

// The bin: compiled JavaScript (Node does not strip types under node_modules), with a shebang and
// the executable bit, so `npx hybrid-chat` works from an installed package.
const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  bin?: Record<string, string>;
};
const binPath = resolve(root, pkg.bin?.['hybrid-chat'] ?? 'missing-bin-entry');
const fail = (message: string): never => {
  console.error(`[hybrid-chat] bin hybrid-chat: ${message}`);
  process.exit(1);
};
if (!existsSync(binPath)) fail(`${binPath} is missing`);
if (!readFileSync(binPath, 'utf8').startsWith('#!/usr/bin/env node\n')) fail(`${binPath} has no shebang`);
try {
  accessSync(binPath, constants.X_OK);
} catch {
  fail(`${binPath} is not executable`);
}
const seedMap = resolve(root, 'cli/testing/seed003.map');
const good = spawnSync(binPath, ['proxy', 'check', seedMap], { encoding: 'utf8' });
if (good.status !== 0 || !good.stdout.includes('valid, 7 entries')) {
  fail(`proxy check ${seedMap} exited ${good.status}:\n${good.stdout}${good.stderr}`);
}
const bad = spawnSync(binPath, ['proxy', 'check', '-'], {
  input: 'finesse.internal:8445=finesse.example.com\n',
  encoding: 'utf8',
});
if (bad.status !== 1 || !bad.stderr.includes('<stdin>:1:')) {
  fail(`proxy check of a bad map exited ${bad.status} instead of 1:\n${bad.stderr}`);
}
console.log('[hybrid-chat] bin hybrid-chat runs: proxy check passes a valid map and rejects a bad one');
