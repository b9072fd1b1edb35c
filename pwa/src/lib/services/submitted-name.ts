// A name typed into a form (one's name among colleagues, a dossier's name): trimmed, and
// refused when empty or longer than the limit.
export const personNameMax = 60;
export const dossierNameMax = 120;

/** Stops the form's navigation; the trimmed name, or null when it is empty or too long. */
export function submittedName(event: SubmitEvent, name: string, max: number): string | null {
  event.preventDefault();
  const clean = name.trim();
  return clean && clean.length <= max ? clean : null;
}
