// Options page entry: mount the Svelte options form.
import { mount } from 'svelte';
import '../../ui/shared/ui.css';
import Options from '../../ui/options/Options.svelte';

mount(Options, { target: document.getElementById('app')! });
