/** The API report (scripts/apiReport.ts): what a public export looks like in it. */
import { describe, expect, it } from 'vitest';
import { reports } from './apiReport.ts';

describe('the API report', () => {
  it('lists each entry’s exports with their types, by name, not by module path', { timeout: 60_000 }, () => {
    const all = reports();
    expect([...all.keys()].sort()).toEqual([
      'sdk-desktop-chat.api.md',
      'sdk-finesse.api.md',
      'sdk-react.api.md',
      'sdk-testing.api.md',
      'sdk.api.md',
    ]);
    const sdk = all.get('sdk.api.md') ?? '';
    expect(sdk).toContain('function createCustomerClient(options: CustomerClientOptions): CustomerClient');
    expect(sdk).toMatch(/interface CustomerClientOptions \{\n {2}serverUrl: string;/);
    expect(sdk).toContain("  'chat:start': (payload: StartChatPayload");
    expect(all.get('sdk-react.api.md')).toContain('function useCustomer<T = CustomerState>(');
    expect([...all.values()].join('')).not.toContain('import(');
  });
});
