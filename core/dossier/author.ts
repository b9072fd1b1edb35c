// The member recorded on what they made in a shared dossier ({ id, name }, plain): read back
// only when it has that shape. The name may be empty when the member had not chosen one yet.

/** A member of a shared dossier as the doc records them: a stable id and the name they chose. */
export interface Author {
  id: string;
  name: string;
}

export function readAuthor(value: unknown): Author | null {
  const author = value as Partial<Author> | null | undefined;
  return author && typeof author === 'object' && typeof author.id === 'string' && author.id !== '' && typeof author.name === 'string' ? { id: author.id, name: author.name } : null;
}
