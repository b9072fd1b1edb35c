// Side panel (Chrome) / sidebar (Firefox) entry: mount the Svelte panel.
import { mount } from 'svelte';
import '../../ui/shared/ui.css';
import SidePanel from '../../ui/sidepanel/SidePanel.svelte';

mount(SidePanel, { target: document.getElementById('app')! });
