import Dexie, { type EntityTable } from 'dexie';
import type { ChainJournal, DemoKeys, JournalEntry } from './chainJournal';

type MetaRow = { key: string; value: DemoKeys };
type TxRow = JournalEntry & { seq?: number };

/** The embedded chain's own small IndexedDB database (separate from the app's data DB). */
export class ChainDb extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;
  txs!: EntityTable<TxRow, 'seq'>;

  constructor(name = 'greenslot-chain', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({ meta: 'key', txs: '++seq' });
  }
}

/** Parameters of {@link dexieJournal}. */
export type DexieJournalParameters = { name?: string; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange };

/** Journal persisted in IndexedDB (database `greenslot-chain`), so claims survive reloads. */
export function dexieJournal({ name = 'greenslot-chain', indexedDB, IDBKeyRange }: DexieJournalParameters = {}): ChainJournal {
  const db = new ChainDb(name, indexedDB ? { indexedDB, IDBKeyRange } : undefined);
  // Another tab upgraded the schema: close so it can proceed; this tab reopens on next use.
  db.on('versionchange', () => {
    db.close();
    return false;
  });
  return {
    loadKeys: async () => (await db.meta.get('keys'))?.value,
    saveKeys: async (value) => void (await db.meta.put({ key: 'keys', value })),
    loadEntries: async () => (await db.txs.orderBy('seq').toArray()).map(({ rawTx, timestampSec }) => ({ rawTx, timestampSec })),
    append: async (entry) => void (await db.txs.add({ ...entry })),
    clear: async () => {
      await db.transaction('rw', db.meta, db.txs, async () => {
        await db.meta.clear();
        await db.txs.clear();
      });
    }
  };
}
