// The work of a file task (file-task.ts): core's bookmark parser or backup reader on the
// bytes, turned into an answer that can be posted. Runs in the file worker; inline in Node.
import { readBackup } from '@knipsel/core/export';
import { isKnipselError } from '@knipsel/core';
import { readBookmarkBytes } from '@knipsel/core/import';
import type { FileAnswer, FileTask } from './file-task.js';

/** Do the task; the answer (and the buffers to transfer back) are ready for postMessage. */
export async function performFileTask(task: FileTask): Promise<{ answer: FileAnswer; transfer: ArrayBuffer[] }> {
  try {
    if (task.kind === 'bookmarks') return { answer: { ok: true, kind: 'bookmarks', value: readBookmarkBytes(task.bytes, task.name) }, transfer: [] };
    const backup = await readBackup(task.bytes);
    return { answer: { ok: true, kind: 'backup', value: backup }, transfer: [backup.state.buffer as ArrayBuffer] };
  } catch (error) {
    const known = isKnipselError(error);
    return {
      answer: { ok: false, error: { code: known ? error.code : null, message: error instanceof Error ? error.message : String(error), details: known ? error.details : {} } },
      transfer: [],
    };
  }
}
