// How the services of an open dossier write: each write is followed by `persist` (a flush, so
// a storage error surfaces at the action that caused it).
export type Persist = () => void;

/** A writer: runs the work, then persists; returns the work's result. */
export function persisting(persist: Persist): <T>(work: () => T) => T {
  return (work) => {
    const result = work();
    persist();
    return result;
  };
}
