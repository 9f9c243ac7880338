/** What one bench module returns: a section of docs/BENCHMARKS.md. */
export interface BenchSection {
  /** The section's heading. */
  readonly title: string;
  /** The section's body: what was measured, the baseline, the table of figures, the target and whether it is met. */
  readonly markdown: string;
}
