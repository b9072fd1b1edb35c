// How a background search build yields between its slices.

/** Runs `task` later (after yielding to the event loop); returns a cancel function. */
export type Scheduler = (task: () => void) => () => void;

interface PostTask {
  postTask(task: () => void, options: { signal: AbortSignal }): Promise<void>;
}

/**
 * The Prioritized Task Scheduling API where there is one (Chromium): input and rendering go
 * first, and no 4 ms clamp as for nested timeouts. Elsewhere a timeout.
 */
export const yieldSoon: Scheduler = (task) => {
  const scheduler = (globalThis as { scheduler?: Partial<PostTask> }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    const controller = new AbortController();
    scheduler.postTask(task, { signal: controller.signal }).catch(() => undefined);
    return () => controller.abort();
  }
  const timer = setTimeout(task, 0);
  return () => clearTimeout(timer);
};
