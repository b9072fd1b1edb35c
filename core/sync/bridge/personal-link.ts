// Linking the personal dossiers of the two sides: an extension that has never been linked
// adopts the app's personal dossier and moves its own clips into it, keeping their ids (and
// vice versa for a new app meeting a linked extension). The retired id is kept as an alias of
// the adopted one, so an address made with it ("Open in Knipsel" of a first clip) still
// leads to the clip.
import type { Library } from '../../library/library.js';

/** Library prefs: the personal dossiers are linked; retired ids → current ones; deletions the user kept. */
export const bridgePrefs = { linked: 'bridgePersonalLinked', aliases: 'bridgeDossierAliases', kept: 'bridgeKeptDossiers' } as const;
/** Aliases kept (and sent) at the most: the newest ones. */
export const maxAliases = 100;

/** Retired dossier ids → the dossiers they now live in. */
export async function bridgeAliases(library: Library): Promise<Record<string, string>> {
  return (await library.getPref<Record<string, string>>(bridgePrefs.aliases)) ?? {};
}

/** The dossier a retired id now lives in (after linking the personal dossiers), if any. */
export async function bridgeAlias(library: Library, id: string): Promise<string | undefined> {
  const aliases = await bridgeAliases(library);
  return Object.hasOwn(aliases, id) ? aliases[id] : undefined;
}

/** Stores `from → to`; false when it was known already. */
export async function addAlias(library: Library, from: string, to: string): Promise<boolean> {
  const aliases = await bridgeAliases(library);
  if (aliases[from] === to) return false;
  const entries = Object.entries({ ...aliases, [from]: to }).slice(-maxAliases);
  await library.setPref(bridgePrefs.aliases, Object.fromEntries(entries));
  return true;
}

export async function isPersonalLinked(library: Library): Promise<boolean> {
  return (await library.getPref<boolean>(bridgePrefs.linked)) === true;
}

/**
 * Makes `newId` the personal dossier: the clips of the old one (`oldId`) move into it with
 * their ids, highlights and the themes it knows; the old one is retired (`drop` stops syncing
 * it) and removed, its id kept as an alias.
 */
export async function adoptPersonal(
  library: Library,
  oldId: string | undefined,
  newId: string,
  hooks: { drop(id: string): void; onAlias?: (from: string, to: string) => void; log(message: string): void },
): Promise<void> {
  if (oldId && oldId !== newId && (await library.get(oldId))) {
    const from = await library.open(oldId);
    const to = await library.open(newId);
    for (const clip of from.dossier.clips.all()) {
      if (clip.trashed || to.dossier.clips.has(clip.id)) continue;
      const themes = clip.themes.filter((id) => to.dossier.frameworks.isKnownTheme(id));
      to.dossier.clips.add({ capture: clip.capture, title: clip.title, note: clip.note, themes }, { id: clip.id, createdAt: clip.createdAt });
      for (const h of clip.highlights) {
        to.dossier.clips.addHighlight(clip.id, { quote: h.quote, position: h.position, note: h.note, colour: h.colour });
      }
    }
    await to.flush();
    if (await addAlias(library, oldId, newId)) hooks.onAlias?.(oldId, newId);
    await library.setPersonal(newId);
    hooks.drop(oldId);
    await library.remove(oldId, { allowPersonal: true });
  } else {
    await library.setPersonal(newId);
  }
  await library.setPref(bridgePrefs.linked, true);
  hooks.log(`bridge: personal dossier linked (${newId})`);
}
