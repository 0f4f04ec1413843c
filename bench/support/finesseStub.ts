/**
 * The chat server halts routing while no Finesse node answers SystemInfo (publisher/subscriber
 * failover), so benchmarks give it a minimal Finesse that is always IN_SERVICE; their agents sign in
 * with tokens signed directly, so nothing else is asked of it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startFinesseStub(): Promise<{ url: string; close(): Promise<void> }> {
  const stub = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/xml' });
    response.end('<SystemInfo><status>IN_SERVICE</status></SystemInfo>');
  });
  await new Promise<void>((resolve, reject) => {
    stub.once('error', reject);
    stub.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => stub.close(() => resolve())),
  };
}
