/** The parameters and fresh variable names of one statement, handed out as its text is built. */
import neo4j from 'neo4j-driver';

/** Collects the parameters and fresh variable names of one statement. */
export class CypherBuilder {
  readonly params: Record<string, unknown> = {};
  private counter = 0;

  /** A parameter holding `value`; returns `$pN`. */
  param(value: unknown): string {
    const name = `p${this.counter++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** An integer parameter (the driver would otherwise send a JS number as a float). */
  int(value: number): string {
    return this.param(neo4j.int(value));
  }

  /** A fresh variable name. */
  variable(prefix = 'v'): string {
    return `${prefix}${this.counter++}`;
  }
}
