// Popup entry: mount the Svelte popup. Accepts `?tabId=` to act on a given tab (see CONTEXT.md).
import { mount } from 'svelte';
import '../../ui/shared/ui.css';
import Popup from '../../ui/popup/Popup.svelte';

mount(Popup, { target: document.getElementById('app')! });
