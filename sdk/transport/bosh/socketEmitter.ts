/**
 * The Node-style emitter xmpp.js expects of a transport's socket (its `@xmpp/events` helpers call
 * `addListener`/`removeListener`/`once`, and listeners receive the emitted arguments as they are).
 * No dependency on Node's `events`, so it runs in browsers unbundled.
 */
type Handler = (...args: never[]) => void;

export class SocketEmitter {
  readonly #handlers = new Map<string, Array<{ handler: Handler; original: Handler }>>();

  addListener(event: string, handler: Handler): this {
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), { handler, original: handler }]);
    return this;
  }
  on(event: string, handler: Handler): this {
    return this.addListener(event, handler);
  }

  once(event: string, handler: Handler): this {
    const wrapper = (...args: never[]) => {
      this.removeListener(event, handler);
      handler(...args);
    };
    this.#handlers.set(event, [
      ...(this.#handlers.get(event) ?? []),
      { handler: wrapper, original: handler },
    ]);
    return this;
  }

  removeListener(event: string, handler: Handler): this {
    const list = this.#handlers.get(event) ?? [];
    const index = list.findIndex((entry) => entry.original === handler || entry.handler === handler);
    if (index >= 0) this.#handlers.set(event, list.toSpliced(index, 1));
    return this;
  }
  off(event: string, handler: Handler): this {
    return this.removeListener(event, handler);
  }

  emit(event: string, ...args: unknown[]): boolean {
    const list = this.#handlers.get(event) ?? [];
    for (const { handler } of list) (handler as (...values: unknown[]) => void)(...args);
    return list.length > 0;
  }
}
