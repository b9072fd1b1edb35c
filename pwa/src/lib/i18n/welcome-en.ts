// English texts for a new user's first hour; same keys as welcome-nl.ts.
import type { welcomeNl } from './welcome-nl.js';

export const welcomeEn: typeof welcomeNl = {
  welcome: {
    title: 'Welcome to Knipsel',
    intro:
      'Knipsel keeps practice examples from the web in your own learning dossier, ordered by the themes of your craft. You clip with the browser extension, reflect here and build a portfolio from it; everything stays on your own device until you share a dossier.',
    stepExtension: '1. Clipping with the extension',
    stepFrameworks: '2. Which frameworks do you work with?',
    frameworksHelp: 'A framework is a set of themes from the craft; you order your clips by them. You can always change this later under Themes.',
    themeCount: (n) => (n === 1 ? '1 theme' : `${n} themes`),
    own: 'Own themes',
    ownHelp: 'An empty framework for themes of your own.',
    ownName: 'My themes',
    stepDossier: '3. What is your first dossier called?',
    dossierName: 'Name of your first dossier',
    dossierHelp: 'Everything you clip goes here. Later you can make more dossiers, for your neighbourhood team for example.',
    start: 'Get started',
    later: 'Later',
    laterHelp: 'How to set up the extension is also under Settings.',
    badName: 'Give your dossier a name of at most 120 characters.',
    noFramework: 'Choose at least one framework, or own themes.',
    ready: (name) => `‘${name}’ is ready`,
  },

  install: {
    intro: 'With the Knipsel extension you keep a web page in two clicks, also when this app is closed.',
    chrome: 'Chrome or Edge',
    chromeSteps: [
      'Go to chrome://extensions and switch on Developer mode at the top right.',
      'Click “Load unpacked” and choose Knipsel’s chrome-mv3 folder (in dist/extension).',
      'Click the puzzle piece in the toolbar and pin Knipsel.',
    ],
    firefox: 'Firefox',
    firefoxSteps: [
      'Go to about:debugging and choose “This Firefox”.',
      'Click “Load Temporary Add-on” and choose manifest.json in Knipsel’s firefox-mv2 folder (in dist/extension).',
      'Click the puzzle piece in the toolbar and pin Knipsel.',
    ],
    configure: (origin) => `Open the extension’s settings and enter this app’s address there: ${origin}`,
    thenPair: 'The app then asks here to pair the extension; you do that once.',
    notYet: 'No extension yet? How to install it',
    connected: 'The extension is paired. What you clip comes into this app by itself.',
  },

  stillInExtension: {
    title: 'This clip is still in the extension',
    text: 'Pair the extension with this app once. The clip then comes over and opens here by itself.',
  },

  completeLink: {
    none: 'No text of this link has been kept yet.',
    how: 'Complete it with the extension: open the page, click the Knipsel icon and choose “Complete the text”. Your note, themes and highlights stay.',
    open: 'Open the page to complete it',
    needExtension: 'For that you need the Knipsel extension, paired with this app.',
    settings: 'How to install the extension',
  },

  appSettings: {
    general: 'General',
    language: 'Language of the app',
    startDossier: 'Dossier when the app opens',
    startLast: 'The dossier used last',
    startHelp: 'Which dossier the app shows when you open it.',
    extension: 'Browser extension',
    storage: 'Storage',
    storageUsed: (used, quota) => `${used} used of the ${quota} the browser gives Knipsel.`,
    storageUnknown: 'The browser does not say how much space Knipsel uses.',
    storagePersisted: 'The browser will not clear this data by itself.',
    storageNotPersisted: 'Note: the browser may clear this data when the disk fills up. Make a backup now and then.',
    dossierCount: (n) => (n === 1 ? '1 dossier' : `${n} dossiers`),
    backups: 'Backups',
    backupsText: 'A backup is one file with everything in a dossier. Keep it somewhere safe; you can restore it on any device.',
    backupOf: (name) => `Make a backup of ‘${name}’`,
    about: 'About Knipsel',
    aboutText: 'Knipsel is a learning dossier for social professionals. Your data is kept in this browser on this device; there is no account and no server that keeps your notes.',
    version: (version) => `Version ${version}`,
    welcomeAgain: 'Show the welcome again',
  },
};
