/**
 * The chat server halts routing while no Finesse node answers SystemInfo (publisher/subscriber
 * failover), so benchmarks give it a minimal Finesse that is always IN_SERVICE; their agents sign in
 * with tokens signed directly. A sign-in that does reach it (`/User/…`, the flood benchmark's
 * password guesses) is refused with 401, as Finesse refuses a wrong password, and counted.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FinesseStub {
  url: string;
  /** Sign-in checks (`GET /finesse/api/User/…`) that reached this "Finesse". */
  userRequests(): number;
  close(): Promise<void>;
}

export async function startFinesseStub(): Promise<FinesseStub> {
  let userRequests = 0;
  const stub = createServer((request, response) => {
    if (request.url?.includes('/User/')) {
      userRequests += 1;
      response.writeHead(401, { 'Content-Type': 'text/plain' });
      response.end('Unauthorized');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/xml' });
    response.end('<SystemInfo><status>IN_SERVICE</status></SystemInfo>');
  });
  await new Promise<void>((resolve, reject) => {
    stub.once('error', reject);
    stub.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
    userRequests: () => userRequests,
    close: () => new Promise<void>((resolve) => stub.close(() => resolve())),
  };
}
