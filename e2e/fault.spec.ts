import { expect, test } from './fixtures.ts';

test('messages sent around a SIGKILL of the chat server arrive exactly once, in order', async ({
  customer,
  desktop,
  stack,
}) => {
  await customer.open();
  await customer.startChat('Frank Ortega');
  await desktop.signIn('1002');
  await desktop.goReadyForChat();
  await desktop.acceptOffer('Frank Ortega');
  await expect(customer.status).toHaveAttribute('data-status', 'active');

  await customer.send('c1 before');
  await expect(desktop.textMessages()).toHaveCount(1);
  await desktop.send('a1 before');
  await expect(customer.textMessages()).toHaveCount(2);

  // One message from each side is in flight as the server dies.
  await customer.send('c2 around');
  await desktop.send('a2 around');
  await stack.killChatServer();

  // Written while the server is down: they wait in the outbox.
  await customer.send('c3 during');
  await customer.send('c4 during');
  await desktop.send('a3 during');
  await desktop.send('a4 during');
  await expect(customer.widget.getByTestId('widget.connection')).toBeVisible();

  await stack.startChatServer();
  await customer.send('c5 after');
  await desktop.send('a5 after');

  const all = [
    'c1 before',
    'a1 before',
    'c2 around',
    'a2 around',
    'c3 during',
    'c4 during',
    'a3 during',
    'a4 during',
  ];
  all.push('c5 after', 'a5 after');
  await expect(customer.textMessages()).toHaveCount(all.length, { timeout: 30_000 });
  await expect(desktop.textMessages()).toHaveCount(all.length, { timeout: 30_000 });

  const read = async (locator: typeof customer.messages) =>
    (await locator.allInnerTexts()).map((text) => all.find((candidate) => text.includes(candidate)) ?? text);
  const seen = await read(customer.textMessages());
  const seenByAgent = await read(desktop.textMessages());

  // Exactly once each, and both sides agree on one order (the server's seq).
  expect([...seen].sort()).toEqual([...all].sort());
  expect(seenByAgent).toEqual(seen);
  // Each side's own messages keep the order they were written in.
  const order = (prefix: string) => seen.filter((text) => text.startsWith(prefix));
  expect(order('c')).toEqual(['c1 before', 'c2 around', 'c3 during', 'c4 during', 'c5 after']);
  expect(order('a')).toEqual(['a1 before', 'a2 around', 'a3 during', 'a4 during', 'a5 after']);
  // Seq numbers on screen are strictly increasing (no gap filled out of place).
  const seqs = await customer.messages.evaluateAll((nodes) =>
    nodes.map((node) => Number(node.getAttribute('data-seq'))),
  );
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
});
