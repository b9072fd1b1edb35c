// Catching what a call throws, for tests about refusals.

/** The error `fn` throws; fails when it throws nothing, rethrows an error of another class. */
export function thrownBy<E extends Error>(fn: () => unknown, kind: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected a ${kind.name}`);
}
