// Short-lived messages at the bottom of the screen, optionally with "Ongedaan maken".
export interface Toast {
  id: number;
  message: string;
  undo?: () => void;
}

export class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  show(message: string, options: { undo?: () => void; timeout?: number } = {}): number {
    const id = this.#next++;
    this.items = [...this.items.slice(-2), { id, message, undo: options.undo }];
    const timeout = options.timeout ?? (options.undo ? 9000 : 4000);
    this.#timers.set(id, setTimeout(() => this.dismiss(id), timeout));
    return id;
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.items = this.items.filter((t) => t.id !== id);
  }

  undo(id: number): void {
    const toast = this.items.find((t) => t.id === id);
    this.dismiss(id);
    toast?.undo?.();
  }

  clear(): void {
    for (const id of this.#timers.keys()) this.dismiss(id);
  }
}
