/**
 * The UIDs a full walk has met, for the DICOM uniqueness rules (./dicom.ts): "is this the first use of this UID?",
 * asked once per series and instance, 50,000 times for a 50×1000 study.
 *
 * Why not a `new Set<string>()` per walk: on that study it took about 30 % of a whole validation. Its table lives
 * as long as the walk, so the garbage collector moves it to the old generation on every walk, and old-generation
 * collections follow. Here the tables are typed arrays that the next walk reuses: `take` hands out the registry the
 * last walk released, and a generation number empties it in one step. A probe compares numbers, and strings only on
 * equal hashes.
 *
 * Hostile input (many UIDs built to share a hash) cannot make it quadratic: a probe that runs long hands every UID
 * met so far to a native Set, which answers from then on.
 */

/** Probes beyond this length mean clustering that a fair hash does not produce on real UIDs: use a native Set. */
const MAX_PROBES = 32;
const INITIAL_CAPACITY = 64;
/** Registries kept for reuse: two per walk, so two walks may run one inside the other. */
const SPARES = 4;
const MAX_GENERATION = 0x7fffffff;

/** FNV-1a over the last 16 UTF-16 code units and the length, then MurmurHash3's finaliser to spread the bits. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5 ^ text.length;
  for (let i = Math.max(0, text.length - 16); i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/** Adds `value` to `set`; true when it was not there yet. */
function addNew(set: Set<string>, value: string): boolean {
  const before = set.size;
  set.add(value);
  return set.size > before;
}

export class FirstUse {
  /** Released registries (a walk takes two: series and instances). */
  private static readonly spares: FirstUse[] = [];

  /** An empty registry: one released earlier (its storage reused), or a new one. */
  static take(): FirstUse {
    return FirstUse.spares.pop() ?? new FirstUse();
  }

  private values: string[] = new Array<string>(INITIAL_CAPACITY).fill('');
  private hashes = new Int32Array(INITIAL_CAPACITY);
  private count = 0;
  /**
   * Two numbers per slot, side by side so that a probe reads one cache line: the generation that took the slot (it
   * is free unless that is the current one), then the position in `values` of the slot's value.
   */
  private slots = new Int32Array(INITIAL_CAPACITY * 4);
  private generation = 1;
  private fallback: Set<string> | undefined;

  /** Records `value`; true when this is its first use. */
  add(value: string): boolean {
    if (this.fallback !== undefined) return addNew(this.fallback, value);
    const hash = hashOf(value);
    const mask = this.slots.length / 2 - 1;
    let slot = hash & mask;
    for (let probes = 0; this.slots[slot * 2] === this.generation; probes++) {
      const position = this.slots[slot * 2 + 1] ?? 0;
      if (this.hashes[position] === hash && this.values[position] === value) return false;
      if (probes === MAX_PROBES) {
        this.fallback = new Set(this.values.slice(0, this.count));
        return addNew(this.fallback, value);
      }
      slot = (slot + 1) & mask;
    }
    const position = this.count++;
    if (position === this.hashes.length) this.grow();
    this.values[position] = value;
    this.hashes[position] = hash;
    if (this.count * 4 > this.slots.length) this.rehash();
    else this.place(slot, position);
    return true;
  }

  /** Empties the registry and keeps it (with its storage) for the next `take`. */
  release(): void {
    this.values.fill('', 0, this.count); // no references to this walk's strings
    this.count = 0;
    this.fallback = undefined;
    if (this.generation === MAX_GENERATION) {
      // The slots store generations as 32-bit integers: start over before they would wrap.
      this.slots.fill(0);
      this.generation = 1;
    } else this.generation++;
    if (FirstUse.spares.length < SPARES) FirstUse.spares.push(this);
  }

  private place(slot: number, position: number): void {
    this.slots[slot * 2] = this.generation;
    this.slots[slot * 2 + 1] = position;
  }

  private grow(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    this.values.length = hashes.length;
    this.values.fill('', this.count);
  }

  /** Twice the slots, every value placed again (its hash is kept, not recomputed). */
  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.generation = 1;
    const mask = this.slots.length / 2 - 1;
    for (let position = 0; position < this.count; position++) {
      let slot = (this.hashes[position] ?? 0) & mask;
      while (this.slots[slot * 2] === this.generation) slot = (slot + 1) & mask;
      this.place(slot, position);
    }
  }
}
