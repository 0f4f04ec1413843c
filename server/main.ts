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

// A graceful stop (ChatServer.close): sockets move to other nodes, what is in flight commits. A
// stop that hangs (a client that never lets go) ends after SHUTDOWN_GRACE_S all the same.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[hybrid-chat] ${signal}: stopping (at most ${config.shutdownGraceS} s)`);
    setTimeout(() => {
      console.error('[hybrid-chat] the stop took longer than SHUTDOWN_GRACE_S; exiting anyway');
      process.exit(1);
    }, config.shutdownGraceS * 1000).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[hybrid-chat] stopping failed', error);
        process.exit(1);
      },
    );
  });
}
