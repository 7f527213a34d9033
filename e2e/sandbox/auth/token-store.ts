import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

const SWEEP_EVERY = 200;

/**
 * oidc-provider storage for one sandbox: an unbounded in-memory map with expiry. The built-in
 * memory adapter is an LRU capped at 1000 entries, which long benchmark runs would overflow
 * (evicting live grants), and it cannot list tokens, which the expire-all control needs.
 */
export class TokenStore {
  private readonly entries = new Map<string, Entry>();
  private writes = 0;

  /** The adapter factory for oidc-provider's `adapter` setting. */
  readonly adapter = (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert: async (id, payload, expiresIn) => {
        this.entries.set(key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
        if (++this.writes % SWEEP_EVERY === 0) this.sweep();
      },
      find: async (id) => this.live(key(id)),
      findByUid: async (uid) => this.findWhere(model, (p) => p.uid === uid),
      findByUserCode: async (userCode) => this.findWhere(model, (p) => p.userCode === userCode),
      consume: async (id) => {
        const payload = this.live(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const [k, entry] of this.entries) {
          if (k.startsWith(`${model}:`) && entry.payload.grantId === grantId) this.entries.delete(k);
        }
      },
    };
  };

  /** Ids of the live entries of one model, e.g. every AccessToken. */
  idsOf(model: string): string[] {
    const prefix = `${model}:`;
    return [...this.entries.keys()]
      .filter((k) => k.startsWith(prefix) && this.live(k))
      .map((k) => k.slice(prefix.length));
  }

  private live(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  private findWhere(model: string, test: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    for (const [k] of this.entries) {
      if (!k.startsWith(`${model}:`)) continue;
      const payload = this.live(k);
      if (payload && test(payload)) return payload;
    }
    return undefined;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(k);
  }
}
