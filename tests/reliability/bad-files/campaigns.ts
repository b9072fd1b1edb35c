// Bad files: seeded mutations of real backups and real bookmark exports, fed to the real
// restore (merge into an open dossier, restore as a new dossier) and import (parse, then
// import into a dossier) code. Every input either works or is refused with a KnipselError
// that carries a Dutch sentence (`details.nl`) and a reason; a refused file leaves the open
// dossier (its Y.Doc state and its stored update log) and the library byte for byte as they
// were. Inputs: truncations, bit flips and other byte mutations, newer versions, other kinds
// of file, oversized files and headers that lie, and mutations "re-signed" (sizes and
// checksum recomputed) so they get past the checksum to the Yjs and dossier validation.
// One module per kind of file: backups.ts, bookmarks.ts, amplified.ts (what they share: common.ts).
export { backupFiles } from './backups.js';
export { bookmarkFiles, hostileBookmarks } from './bookmarks.js';
export { amplifiedFiles } from './amplified.js';
