// One export service and one import service per library (the screens share them).
import type { BlobStore, Library } from '@knipsel/core';
import { appVersion } from './app-version.js';
import { createExportService, type ExportService } from './export-service.js';
import { createImportService, type ImportService } from './import-service.js';

const cache = new WeakMap<Library, { exports: ExportService; imports: ImportService }>();

export function transferServices(library: Library, blobs?: BlobStore): { exports: ExportService; imports: ImportService } {
  let services = cache.get(library);
  if (!services) {
    services = { exports: createExportService(library, { appVersion, blobs }), imports: createImportService(library) };
    cache.set(library, services);
  }
  return services;
}
