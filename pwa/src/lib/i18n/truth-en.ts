// English texts for sharing that says what is true (see truth-nl.ts, same keys).
import type { truthNl } from './truth-nl.js';

const changes = (n: number) => (n === 1 ? '1 change is waiting' : `${n} changes are waiting`);

export const truthEn: typeof truthNl = {
  truth: {
    oldLink: {
      title: 'This link belongs to an older invitation',
      body: 'Colleagues of this dossier are online, but they use a newer invitation. That is why this link does not get you in.',
      what: 'Ask the person who shared the dossier with you for the newest link (under Share: ‘Copy link’) and open that one.',
    },
    relayDown: {
      title: 'The relay server cannot be reached',
      body: (n: number) =>
        n === 0
          ? 'You are online. What you change is kept and goes along as soon as the server can be reached again.'
          : `You are online. ${changes(n)} for the server; they go along as soon as it can be reached again.`,
      short: 'Relay server unreachable',
    },
    revoke: {
      title: 'Revoke access?',
      message: (label: string) => `${label} can then no longer open or update this dossier through the relay server.`,
      detail: 'What is already on their device stays there. You can undo the revocation for a short while.',
      confirm: 'Yes, revoke access',
      pending: (label: string) => `Revoking access for ${label}…`,
      undo: 'Undo',
      undone: (label: string) => `${label} keeps access`,
      done: (label: string) => `Access for ${label} revoked`,
      showLink: 'Show link',
      hideLink: 'Hide link',
      linkElsewhere: 'This link was made on another device; it is not kept here.',
    },
    revoked: {
      banner: 'The owner has revoked your access to this dossier. What you had stays on this device, but new changes no longer come in and yours no longer go out.',
      what: 'Think this is a mistake? Ask the owner for a new link.',
    },
    presence: {
      viaRelay: 'via the relay server',
      here: (n: number) => (n === 1 ? '1 colleague in the dossier' : `${n} colleagues in the dossier`),
      nobody: 'Nobody else is in the dossier right now.',
    },
    conflict: {
      title: (who: string, lost: string) => `${who} changed the same title at the same time as you. ‘${lost}’ was replaced.`,
      name: (who: string, lost: string) => `${who} renamed the dossier at the same time as you. ‘${lost}’ was replaced.`,
      kept: (who: string) => `${who} changed the same title at the same time as you. Your title stayed; ${who} finds theirs in their own history.`,
      trashedWhileEdited: (who: string, title: string) => `${who} moved ‘${title}’ to the trash while you were editing it. Your change is still in it.`,
      editedInTrash: (who: string, title: string) => `${who} edited ‘${title}’, but it is in the trash.`,
      someone: 'A colleague',
      toHistory: 'See the history',
    },
    history: {
      title: 'History',
      intro: 'Who changed what in this dossier, as this device saw it happen. Put back an earlier title, reflection or set of themes here.',
      empty: 'No changes seen since this dossier is on this device.',
      you: 'You',
      unknown: 'Someone',
      onClip: (title: string) => `‘${title}’`,
      dossier: 'The dossier',
      fields: { name: 'name', title: 'title', note: 'reflection', themes: 'themes', trashed: 'trash' },
      changed: (field: string) => `changed the ${field}`,
      trashed: 'moved it to the trash',
      untrashed: 'restored it from the trash',
      before: 'Was',
      after: 'Became',
      lostYours: 'Your value, lost to the simultaneous change',
      lost: (who: string) => `Lost to a simultaneous change (by ${who})`,
      lostElsewhere: (who: string) => `A simultaneous change by ${who}: ${who} finds it in their own history.`,
      noThemes: 'no themes',
      emptyValue: 'empty',
      restoreBefore: 'Put back the earlier value',
      restoreLost: 'Put back the lost value',
      restored: 'Put back',
      gone: 'This clip no longer exists.',
      more: 'Show more',
      all: 'Show all changes',
    },
  },
};
