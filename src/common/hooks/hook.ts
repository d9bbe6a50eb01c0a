/**
 * A function a module higher in the graph registers at boot, for a module below it to call without
 * importing it (no import cycle: modules only import downwards). The lower module provides and
 * exports the hook as an injectable subclass; the higher one registers in its `onModuleInit`.
 */
export class Hook<F extends (...args: any[]) => Promise<unknown>> {
  private registered: F | null = null;

  /** `what` it answers, and which module registers it: both named in the error when none has. */
  constructor(
    private readonly what: string,
    private readonly registeredBy: string,
  ) {}

  register(fn: F): void {
    if (this.registered) throw new Error(`${this.what} is registered twice`);
    this.registered = fn;
  }

  call(...args: Parameters<F>): ReturnType<F> {
    if (!this.registered) throw new Error(`No ${this.what} is registered: ${this.registeredBy} registers it at boot`);
    return this.registered(...args) as ReturnType<F>;
  }
}

/** Several reactions to one happening, run one after the other in their declared order. */
export class Reactions<F extends (...args: any[]) => Promise<void>> {
  private readonly list: { order: number; name: string; react: F }[] = [];

  constructor(private readonly what: string) {}

  /** `order`: lowest first; two reactions never share one. */
  register(name: string, order: number, react: F): void {
    const taken = this.list.find((reaction) => reaction.order === order);
    if (taken) throw new Error(`${this.what}: ${name} and ${taken.name} share the order ${order}`);
    this.list.push({ order, name, react });
    this.list.sort((a, b) => a.order - b.order);
  }

  async run(...args: Parameters<F>): Promise<void> {
    for (const { react } of this.list) await react(...args);
  }

  get names(): string[] {
    return this.list.map(({ name }) => name);
  }
}
