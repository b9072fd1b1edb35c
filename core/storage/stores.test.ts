import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createMemoryLibraryStore } from './library-store.js';
import { createMemoryProjectionStore } from './projection-store.js';
import { createMemoryUpdateStore } from './update-store.js';
import { createDexieStores } from './dexie-stores.js';
import { runLibraryStoreContract, runProjectionStoreContract, runUpdateStoreContract } from './store-contracts.js';

let n = 0;
const freshDexie = () => createDexieStores(`contract-${n++}`, { indexedDB: new IDBFactory() });

runUpdateStoreContract('memory', createMemoryUpdateStore);
runUpdateStoreContract('dexie', () => freshDexie().updates);
runLibraryStoreContract('memory', createMemoryLibraryStore);
runLibraryStoreContract('dexie', () => freshDexie().library);
runProjectionStoreContract('memory', createMemoryProjectionStore);
runProjectionStoreContract('dexie', () => freshDexie().projections);
