/**
 * Where the bytes of documents live. Keys are SHA-256 hashes in hex; the DocumentStore keeps the rows,
 * chooses the keys and checks what comes back, so an implementation only stores and fetches bytes.
 */
export interface BlobStore {
  /** Stores the bytes under the key; a reader sees either nothing or the whole of them. */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes stored under the key, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');
