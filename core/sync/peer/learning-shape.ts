// The learning plan's part of the dossier-shape check (update-shape.ts): the roots `guides`,
// `leervragen`, `periods`, `ratings` and `growth`. Every plain value is checked against the
// valibot schema its operations write with and its readers accept (learning/learning-schema.ts),
// so the shapes have one home; this file only says where each schema applies.
//   guides/<id>, periods/<id>, ratings/<period|theme>, growth/<theme>   a plain value passing
//                  storedGuideSchema, storedPeriodSchema, ratingSchema, growthTextSchema
//   leervragen/<id>          a Y.Map
//   leervragen/<id>/<field>  evidence, actions: Y.Map; text, themeId, status, createdAt,
//                            updatedAt: their stored schema; any other field: a plain value
//   leervragen/<id>/evidence/<clip>  true;  leervragen/<id>/actions/<id>  storedActionSchema
import * as v from 'valibot';
import { growthTextSchema, ratingSchema, storedGuideSchema, storedLeervraagEntrySchemas, storedLeervraagFieldSchemas, storedPeriodSchema } from '../../learning/learning-schema.js';

type Schema = v.GenericSchema;

/** Roots of plain values, one per key, and the schema each value must pass. */
const plainRoots: Record<string, Schema> = {
  guides: storedGuideSchema,
  periods: storedPeriodSchema,
  ratings: ratingSchema,
  growth: growthTextSchema,
};
const leervraagFields: Record<string, Schema> = storedLeervraagFieldSchemas;
const leervraagEntries: Record<string, Schema> = storedLeervraagEntrySchemas;

export const learningRootNames: readonly string[] = [...Object.keys(plainRoots), 'leervragen'];

/** An item as the shape check sees it: where it stands and what it holds. */
export interface PlacedItem {
  root: string;
  /** Map keys below the root (null: a list/text position); `keys.length` ≥ 1. */
  keys: (string | null)[];
  /** 'map', 'any' (plain values, then in `values`), 'text', 'array', 'string', … */
  kind: string;
  values: unknown[];
}

const plainValue = (item: PlacedItem, schema: Schema) => item.kind === 'any' && item.values.every((x) => v.is(schema, x));

/** Null when an item in one of the learning roots may stand where it stands, else why not. */
export function checkLearningItem(item: PlacedItem): string | null {
  const { root, keys } = item;
  const plain = plainRoots[root];
  if (plain) {
    if (keys.length > 1) return `nested content in ${root}`;
    return plainValue(item, plain) ? null : `${root} entry does not fit its schema`;
  }
  const [, field, entry] = keys;
  if (keys.length === 1) return item.kind === 'map' ? null : 'leervraag is not a map';
  if (field === null) return 'list content in a leervraag map';
  if (keys.length === 2) {
    if (field in leervraagEntries) return item.kind === 'map' ? null : `leervraag ${field} is not a map`;
    const schema = leervraagFields[field];
    if (schema) return plainValue(item, schema) ? null : `leervraag field "${field}" does not fit its schema`;
    return item.kind === 'any' ? null : `unknown leervraag field "${field.slice(0, 40)}" is not a plain value`;
  }
  const schema = field in leervraagEntries ? leervraagEntries[field] : undefined;
  if (keys.length === 3 && schema && entry !== null) return plainValue(item, schema) ? null : `leervraag ${field} entry does not fit its schema`;
  return `nested content in a leervraag`;
}
