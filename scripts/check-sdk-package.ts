/**
 * After `npm run build`: imports the SDK the way integrators do (`hybrid-chat/sdk`, the
 * package's `exports` entry) and checks that its entry points and type declarations are there.
 */
import { existsSync } from 'node:fs';
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
];
const missing = expected.filter((name) => typeof sdk[name] !== 'function');
const types = resolve(import.meta.dirname, '../dist/sdk/index.d.ts');
if (missing.length > 0 || !existsSync(types)) {
  console.error(`[hybrid-chat] hybrid-chat/sdk is incomplete: missing ${missing.join(', ') || 'index.d.ts'}`);
  process.exit(1);
}
console.log(`[hybrid-chat] hybrid-chat/sdk exports ${Object.keys(sdk).length} names, with type declarations`);
