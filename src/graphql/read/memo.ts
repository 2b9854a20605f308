/**
 * Work that depends only on a parsed query (its field nodes, the schema) and the request's
 * variables, done once per distinct pair and reused. Yoga's parse cache hands every request with
 * the same query text the same DocumentNode, so a repeated query finds its selection and its
 * Cypher text here instead of building them again; the parameters' values come from the same
 * variables, so they are the same too.
 */

/** At most this many variants are kept per object (a query sent with ever new variables starts over). */
const PER_OBJECT = 64;

/**
 * Values remembered per object (while it lives) and per variant (a string, such as the JSON of
 * the variables). What is stored must never be mutated by those who get it.
 */
export class MemoTable<K extends object, V> {
  private readonly byObject = new WeakMap<K, Map<string, V>>();

  get(object: K, variant: string): V | undefined {
    return this.byObject.get(object)?.get(variant);
  }

  /** Stores and returns `value`. */
  set(object: K, variant: string, value: V): V {
    let variants = this.byObject.get(object);
    if (!variants) this.byObject.set(object, (variants = new Map()));
    if (variants.size >= PER_OBJECT) variants.clear();
    variants.set(variant, value);
    return value;
  }
}
