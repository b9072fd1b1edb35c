// Short-lived messages at the bottom of the screen, optionally with "Ongedaan maken".
//
// One at a time: a new message replaces the one showing. Each belongs to the screen it was
// shown on and goes away when the user leaves that screen (an undo for a list action does not
// follow the user into a clip). Texts are functions of the messages, so a message on screen
// follows a language switch.
import type { Messages } from '../i18n/messages.js';

/** A message: `(m) => m.clip.trashed(2)`; a plain string never changes language. */
export type ToastText = string | ((m: Messages) => string);

export interface Toast {
  id: number;
  text: ToastText;
  undo?: () => void;
  /** The screen it belongs to (see `Toasts.screen`). */
  screen: string;
}

export interface ToastOptions {
  undo?: () => void;
  timeout?: number;
  /**
   * The screen it belongs to when that is not the one showing: an action that opens another
   * screen (`screenKey` of where it goes). Shown once that screen opens.
   */
  screen?: string;
}

export class Toasts {
  current = $state.raw<Toast | null>(null);
  #next = 1;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #screen = '';
  /** A toast waiting for its screen to open. */
  #pending: Toast | null = null;

  /** What is on screen now: every screen change dismisses a toast of another screen. */
  set screen(key: string) {
    if (key === this.#screen) return;
    this.#screen = key;
    if (this.#pending?.screen === key) {
      this.current = this.#pending;
      this.#pending = null;
      return;
    }
    if (this.current && this.current.screen !== key) this.dismiss(this.current.id);
  }

  get screen(): string {
    return this.#screen;
  }

  /** The current toast's text in the given messages. */
  static text(toast: Toast, m: Messages): string {
    return typeof toast.text === 'function' ? toast.text(m) : toast.text;
  }

  show(text: ToastText, options: ToastOptions = {}): number {
    const id = this.#next++;
    const toast: Toast = { id, text, undo: options.undo, screen: options.screen ?? this.#screen };
    if (this.#timer) clearTimeout(this.#timer);
    const timeout = options.timeout ?? (options.undo ? 9000 : 4000);
    this.#timer = setTimeout(() => this.dismiss(id), timeout);
    if (toast.screen !== this.#screen) {
      this.#pending = toast;
      this.current = null;
    } else {
      this.#pending = null;
      this.current = toast;
    }
    return id;
  }

  dismiss(id: number): void {
    if (this.#pending?.id === id) this.#pending = null;
    if (this.current?.id !== id) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.current = null;
  }

  undo(id: number): void {
    const toast = this.current?.id === id ? this.current : null;
    this.dismiss(id);
    toast?.undo?.();
  }

  clear(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
    this.current = null;
  }
}
