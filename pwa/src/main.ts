// Entry point: create the app's services and state once, mount the root component,
// register the service worker (offline + "Nieuwe versie beschikbaar").
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import './shared.css';
import './shell.css';
import { createLibraryService } from './lib/services/library-service.js';
import { registerUpdates } from './lib/services/pwa-update.js';
import { AppState } from './lib/state/app-state.svelte.js';

const app = new AppState(createLibraryService());
registerUpdates((apply) => {
  app.applyUpdate = apply;
});

mount(App, { target: document.getElementById('app')!, props: { app } });
