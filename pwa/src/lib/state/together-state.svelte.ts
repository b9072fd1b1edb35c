// Reactive state of working together in the dossier on screen: comments and questions,
// handed-in versions, who this member is (their member id and chosen name) and what is new
// since they last looked. Made by DossierState when the doc opens; `refresh()` follows
// `observe().together`. The "seen" moment is read once per opening, so the markers stay while
// the member reads; `markSeen()` stores now for the next time.
import type { Author, OpenDossier } from '@knipsel/core';
import { newSince, type Comment, type HandIn } from '@knipsel/core/together';
import { createTogetherService, memberId, type Prefs, type TogetherService } from '../services/together-service.js';
import type { Persist } from '../services/persist.js';

export class TogetherState {
  readonly service: TogetherService;
  comments = $state.raw<Comment[]>([]);
  handIns = $state.raw<HandIn[]>([]);
  /** Bumps on every change (feedback is read on demand). */
  tick = $state(0);
  memberId = $state<string | null>(null);
  name = $state<string | null>(null);
  /** undefined until read; null: this member never looked. */
  seenAt = $state<number | null | undefined>(undefined);
  author: Author | null = $derived(this.memberId && this.name ? { id: this.memberId, name: this.name } : null);
  newIds: Set<string> = $derived(this.memberId && this.seenAt !== undefined ? newSince(this.comments, this.seenAt, this.memberId) : new Set());

  constructor(
    private readonly open: OpenDossier,
    private readonly prefs: Prefs,
    persist: Persist,
  ) {
    this.service = createTogetherService(open, prefs, persist);
    this.refresh();
  }

  async init(): Promise<void> {
    this.memberId = await memberId(this.prefs);
    this.seenAt = await this.service.seenAt();
    this.#applyAuthor();
  }

  refresh(): void {
    this.comments = this.service.comments();
    this.handIns = this.service.handIns();
    this.tick++;
  }

  /** The name this member chose (sharing's identity), or null while they have none. */
  setName(name: string | null): void {
    if (this.name === name) return;
    this.name = name;
    this.#applyAuthor();
  }

  /** What this member adds and starts carries their id (and name, once chosen). */
  #applyAuthor(): void {
    this.open.dossier.setAuthor(this.memberId ? { id: this.memberId, name: this.name ?? '' } : null);
  }

  /** Remember that this member has seen everything up to now (shown as new again only when newer). */
  markSeen(): Promise<void> {
    return this.service.markSeen();
  }
}
