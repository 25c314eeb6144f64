// Component tests run in jsdom: jest-dom matchers, and IndexedDB through fake-indexeddb.
import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
