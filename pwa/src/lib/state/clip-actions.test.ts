import { describe, expect, it } from 'vitest';
import type { OpenDossier } from '@knipsel/core';
import { makeTestDossier } from '@knipsel/core/testing';
import { createClipService } from '../services/clip-service.js';
import { nl } from '../i18n/nl.js';
import { ClipActions, type ClipActionsPort } from './clip-actions.js';
import type { DossierState } from './dossier-state.svelte.js';
import type { Toasts, ToastOptions, ToastText } from './toasts.svelte.js';

/** The actions over a real dossier, with the toasts and errors they show recorded. */
function rig(readOnly = false) {
  const { dossier, ids } = makeTestDossier();
  const clips = createClipService({ dossier } as unknown as OpenDossier, () => {});
  const shown: { text: string; undo?: () => void }[] = [];
  const errors: unknown[] = [];
  const port: ClipActionsPort = {
    dossier: {
      clips,
      readOnly,
      get rows() {
        return dossier.clips.rows();
      },
      theme: () => ({ theme: { name: 'Eigenaarschap' } }),
    } as unknown as DossierState,
    toasts: {
      show: (text: ToastText, options?: ToastOptions) => void shown.push({ text: typeof text === 'function' ? text(nl) : text, undo: options?.undo }),
    } as unknown as Toasts,
    run<T>(work: () => T) {
      try {
        return work();
      } catch (error) {
        errors.push(error);
        return undefined;
      }
    },
  };
  const clipId = ids.buurt;
  const highlights = () => dossier.clips.get(clipId)!.highlights;
  return { actions: new ClipActions(port), dossier, ids, clipId, highlights, shown, errors };
}

describe('highlight actions', () => {
  it('changes colour and note in one step, and undo puts both back', () => {
    const { actions, clipId, highlights, shown } = rig();
    const [before] = highlights();
    expect(before).toMatchObject({ colour: 'methode', note: 'Kern van de aanpak' });
    actions.editHighlight(clipId, before.id, { colour: 'vraag', note: 'Navragen bij het team' });
    expect(highlights()).toEqual([{ ...before, colour: 'vraag', note: 'Navragen bij het team' }]);
    expect(shown.map((s) => s.text)).toEqual(['Markering aangepast']);
    shown[0].undo!();
    expect(highlights()).toEqual([before]);
  });

  it('writes nothing and says nothing when nothing changed', () => {
    const { actions, clipId, highlights, shown } = rig();
    const [before] = highlights();
    actions.editHighlight(clipId, before.id, { colour: before.colour, note: before.note });
    expect(shown).toEqual([]);
    expect(highlights()).toEqual([before]);
  });

  it('removes a highlight, and undo brings back the same record', () => {
    const { actions, clipId, highlights, shown } = rig();
    const [before] = highlights();
    actions.removeHighlight(clipId, before.id);
    expect(highlights()).toEqual([]);
    expect(shown.map((s) => s.text)).toEqual(['Markering verwijderd']);
    shown[0].undo!();
    expect(highlights()).toEqual([before]);
  });

  it('a read-only dossier refuses, and the highlight stays', () => {
    const { actions, clipId, highlights, shown, errors } = rig(true);
    const [before] = highlights();
    actions.removeHighlight(clipId, before.id);
    actions.editHighlight(clipId, before.id, { colour: 'vraag' });
    expect(highlights()).toEqual([before]);
    expect(shown).toEqual([]);
    expect(errors).toHaveLength(2);
  });
});

describe('trash, restore, tag and untag with undo', () => {
  const eigenaarschap = 'community-werker.eigenaarschap';

  it('trashes and restores, and each undo does the other', () => {
    const { actions, dossier, ids, shown } = rig();
    const trashed = () => [ids.buurt, ids.loose].map((id) => dossier.clips.get(id)!.trashed);
    actions.trash([ids.buurt, ids.loose]);
    expect(trashed()).toEqual([true, true]);
    shown[0].undo!();
    expect(trashed()).toEqual([false, false]);
    actions.restore([]);
    actions.trash([ids.loose]);
    actions.restore([ids.loose]);
    expect(trashed()).toEqual([false, false]);
    shown[2].undo!();
    expect(trashed()).toEqual([false, true]);
    expect(shown.map((s) => s.text)).toEqual(['2 knipsels naar de prullenbak verplaatst', 'Knipsel naar de prullenbak verplaatst', 'Knipsel teruggezet']);
  });

  it('tags and untags, and undo reverses it only on the clips it changed', () => {
    const { actions, dossier, ids, shown } = rig();
    const carrying = () => [ids.buurt, ids.loose].map((id) => dossier.clips.get(id)!.themes.includes(eigenaarschap));
    expect(carrying()).toEqual([true, false]);
    actions.tag([ids.buurt, ids.loose], eigenaarschap);
    expect(carrying()).toEqual([true, true]);
    shown[0].undo!();
    expect(carrying()).toEqual([true, false]);
    actions.untag([ids.buurt, ids.loose], eigenaarschap);
    expect(carrying()).toEqual([false, false]);
    shown[1].undo!();
    expect(carrying()).toEqual([true, false]);
    // Tagging clips that all carry the theme already changes nothing to undo: no toast.
    actions.tag([ids.buurt], eigenaarschap);
    expect(shown.map((s) => s.text)).toEqual(['Thema ‘Eigenaarschap’ toegevoegd', 'Thema ‘Eigenaarschap’ verwijderd']);
  });
});
