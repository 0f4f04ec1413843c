/** Starts the chat server: `node server/main.ts` (configuration: README.md). */
import { loadConfig } from './config.ts';
import { createChatServer } from './createServer.ts';

// Whatever this process creates (database, uploads, anything a plugin writes) is the server user's
// alone; the data files also get explicit modes (server/core/storage/privateFiles.ts).
process.umask(0o077);
const config = loadConfig();
const server = await createChatServer(config);
const { url } = await server.listen();
console.log(`[hybrid-chat] chat server on ${url} (demo site ${url}/, gadget ${url}/gadget.xml)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
