/** The parent's side of `normalWorker.ts`: start the normal chats, measure them around a flood. */
import { Worker } from 'node:worker_threads';
import type { NormalFigures, NormalWorkerData } from './normalWorker.ts';

export type { NormalFigures };

export interface NormalChats {
  /** Runs `flood` while the normal chats talk, and returns both results. */
  during<T>(flood: () => Promise<T>): Promise<{ result: T; normal: NormalFigures }>;
  close(): Promise<void>;
}

function next<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    worker.once('error', onError);
    worker.once('message', (message: T) => {
      worker.off('error', onError);
      resolve(message);
    });
  });
}

export async function startNormalChats(data: NormalWorkerData): Promise<NormalChats> {
  const worker = new Worker(new URL('./normalWorker.ts', import.meta.url), { workerData: data });
  try {
    await next<'ready'>(worker);
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    async during(flood) {
      worker.postMessage({ type: 'measure' });
      let result;
      try {
        result = await flood();
      } finally {
        worker.postMessage({ type: 'stop' });
      }
      return { result, normal: await next<NormalFigures>(worker) };
    },
    async close() {
      worker.postMessage({ type: 'close' });
      await Promise.race([next(worker), new Promise((done) => setTimeout(done, 2000))]);
      await worker.terminate();
    },
  };
}
