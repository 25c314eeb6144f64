// Integration tests run under Node: Dexie through fake-indexeddb, like the component tests.
import 'fake-indexeddb/auto';
