// The web app's file worker: reads one picked file (bookmark export, backup) off the main
// thread, so a large or hostile file never freezes the app. Started per file and ended after
// its answer (or its time limit) by services/file-readers.ts; built by Vite as a lazy chunk.
import type { FileTask } from '../services/file-task.js';
import { performFileTask } from '../services/perform-file-task.js';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<FileTask>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  void performFileTask(event.data).then(({ answer, transfer }) => scope.postMessage(answer, transfer));
};
