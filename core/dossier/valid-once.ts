// Plain values read from a Y.Doc are immutable, and Yjs hands out the same object on every
// read: a validator that checks each object against its schema once.
import * as v from 'valibot';

export function validOnce<S extends v.GenericSchema>(schema: S): (value: unknown) => value is v.InferOutput<S> {
  const checked = new WeakMap<object, boolean>();
  return (value: unknown): value is v.InferOutput<S> => {
    if (typeof value !== 'object' || value === null) return false;
    let ok = checked.get(value);
    if (ok === undefined) {
      ok = v.is(schema, value);
      checked.set(value, ok);
    }
    return ok;
  };
}
