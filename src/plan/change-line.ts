/** One printed line of a change: its sign and its words. */
export type Sign = '+' | '-' | '~' | '^';

export interface ChangeLine {
  /** + added, - removed, ~ changed, ^ uploaded. */
  sign: Sign;
  text: string;
}
