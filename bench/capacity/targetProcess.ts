/**
 * Entry of the process under test (forked by bench/capacity/children.ts): the chat server or the
 * bare relay, alone in its process so that its CPU, event loop, memory and open files are its
 * own, not the load generators'. It answers the parent's requests over IPC and exits when told
 * to, or when the parent goes away (the IPC channel closes).
 */
import { rmSync } from 'node:fs';
import type { RunningTarget } from './hybridTarget.ts';
import { memoryNow, openFiles, startPhase, type Phase } from './processMetrics.ts';
import type { TargetReply, TargetRequest } from './protocol.ts';
import { NAMESPACES } from '../../sdk/core/protocol.ts';

/** Closing 20,000 sockets takes a moment; past this the process just exits. */
const CLOSE_TIMEOUT_MS = 10_000;

let target: RunningTarget | null = null;
let dataDir: string | null = null;
let phase: Phase | null = null;
let stopping = false;

const reply = (message: TargetReply) => process.send?.(message);

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const closing = target?.close() ?? Promise.resolve();
    const timer = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    await Promise.race([closing.catch(() => undefined), timer]);
    // The parent removes it too; this covers a parent that was killed.
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(code);
}

async function handle(request: TargetRequest): Promise<void> {
  switch (request.type) {
    case 'start':
      dataDir = request.dataDir;
      // Loaded on demand: the bare relay's idle memory must not include the chat server's modules.
      target =
        request.kind === 'hybrid'
          ? await (await import('./hybridTarget.ts')).startHybridTarget(request.tokenSecret, request.dataDir)
          : await (await import('./bareRelay.ts')).startBareRelay();
      reply({ type: 'ready', url: target.url });
      return;
    case 'snapshot': {
      if (!target) throw new Error('snapshot before start');
      const io = target.io;
      reply({
        type: 'snapshot',
        snapshot: {
          ...memoryNow(),
          fds: openFiles(),
          connections: io.engine.clientsCount,
          sockets: io.of(NAMESPACES.customer).sockets.size + io.of(NAMESPACES.agent).sockets.size,
        },
      });
      return;
    }
    case 'phase-start':
      phase = startPhase();
      return;
    case 'phase-end':
      if (!phase) throw new Error('phase-end without phase-start');
      reply({ type: 'phase', usage: phase.end() });
      phase = null;
      return;
    case 'stop':
      await stop(0);
  }
}

process.on('message', (request: TargetRequest) => {
  handle(request).catch((error: unknown) => {
    reply({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    void stop(1);
  });
});
// The parent died or gave up on us: nobody will read another figure.
process.on('disconnect', () => void stop(0));
