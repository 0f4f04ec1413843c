/**
 * The lint rules that keep the SDK's public entries honest (eslint.config.js): the apps import the
 * SDK through its entries only, and ui/ imports no app.
 */
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('SDK boundaries', () => {
  it('fails a deep import into the SDK from the gadget, the widget and ui/', async () => {
    for (const file of ['gadget/desk/probe.ts', 'widget/app/probe.tsx', 'ui/Composer/probe.ts']) {
      const messages = await restricted(
        file,
        "import type { PrechatField } from '../../sdk/core/protocol.ts';\nexport type P = PrechatField;\n",
      );
      expect(messages, file).toEqual([expect.stringContaining('public entries')]);
    }
    const reexport = await restricted(
      'gadget/probe.ts',
      "export { checkField } from '../sdk/core/prechat.ts';\n",
    );
    expect(reexport).toHaveLength(1);
  });

  it('lets the apps import the public entries', async () => {
    const code = [
      "import { createChatClient } from '../../sdk/index.ts';",
      "import { createFinesseRestClient } from '../../sdk/finesse.ts';",
      "import { createFakeChatServer } from '../../sdk/testing/index.ts';",
      "import { useCustomer } from '../../sdk/react/index.ts';",
      'export const all = [createChatClient, createFinesseRestClient, createFakeChatServer, useCustomer];',
      '',
    ].join('\n');
    expect(await restricted('gadget/desk/probe.ts', code)).toEqual([]);
    expect(await restricted('widget/app/probe.ts', code)).toEqual([]);
  });

  it('fails an import of an app from ui/', async () => {
    const messages = await restricted(
      'ui/Composer/probe.ts',
      "import { startChat } from '../../widget/app/session.ts';\nexport const s = startChat;\n",
    );
    expect(messages).toEqual([expect.stringContaining('imports neither app')]);
    expect(
      await restricted(
        'gadget/probe.ts',
        "import { Dots } from '../ui/Dots/Dots.tsx';\nexport const d = Dots;\n",
      ),
    ).toEqual([]);
  });

  it('fails a browser-only global in sdk/core, but not in its tests', async () => {
    const code =
      'export const where = () => [window.location.href, localStorage.length, navigator.onLine];\n';
    const globals = async (file: string) => {
      const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
      return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-globals');
    };
    expect((await globals('sdk/core/probe.ts')).map((message) => message.message)).toEqual([
      expect.stringContaining('window'),
      expect.stringContaining('localStorage'),
      expect.stringContaining('navigator'),
    ]);
    expect(await globals('sdk/core/probe.test.ts')).toEqual([]);
    expect(await globals('sdk/transport/probe.ts')).toEqual([]);
  });
});
