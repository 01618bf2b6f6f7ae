/**
 * The two fits behind `AnswerModels`, small enough to read: a conditional-logit sentence ranker and a logistic
 * answerability model, both L2-regularised and weighted per question, so that a small set of news questions
 * is not drowned by thousands of encyclopedia ones.
 */

/** One question's candidates for the ranker: a feature row per candidate, which of them hold the answer. */
export interface RankingList {
  rows: readonly (readonly number[])[];
  positive: readonly boolean[];
  weight: number;
}

/**
 * Softmax over each question's candidates, maximising the probability of the ones holding the answer (several
 * may), by Adam on the full batch: the loss is not convex when a list has several positives, so Newton's method
 * is not safe, and a few hundred steps of Adam converge on a dozen features.
 */
export function fitRanker(lists: readonly RankingList[], { l2 = 0.003, steps = 400 } = {}): number[] {
  const width = lists[0]?.rows[0]?.length ?? 0;
  const weights = new Array<number>(width).fill(0);
  const totalWeight = lists.reduce((sum, list) => sum + list.weight, 0) || 1;
  const adam = new Adam(width, 0.05);
  for (let step = 0; step < steps; step++) {
    const gradient = weights.map((weight) => l2 * weight);
    for (const { rows, positive, weight: listWeight } of lists) {
      const scores = rows.map((row) => dot(row, weights));
      const top = Math.max(...scores);
      const exps = scores.map((score) => Math.exp(score - top));
      const all = sum(exps);
      const good = exps.reduce((total, value, index) => total + (positive[index] ? value : 0), 0);
      if (good === 0) continue;
      const scale = listWeight / totalWeight;
      rows.forEach((row, index) => {
        const share = (exps[index] ?? 0) / all - (positive[index] ? (exps[index] ?? 0) / good : 0);
        if (share === 0) return;
        for (let feature = 0; feature < width; feature++) {
          gradient[feature] = (gradient[feature] ?? 0) + scale * share * (row[feature] ?? 0);
        }
      });
    }
    adam.step(weights, gradient);
  }
  return weights;
}

/** One question for the answerability model. */
export interface LabelledRow {
  values: readonly number[];
  /** True when the articles do not answer the question. */
  label: boolean;
  weight: number;
}

/**
 * Weighted logistic regression by Newton's method (the loss is convex, so a dozen steps reach the optimum).
 * Returns the weights followed by the intercept, which is not regularised.
 *
 * `signs` constrains a weight's direction where what it means is known beforehand (more of the question
 * missing never makes an answer likelier): 1 for at least zero, -1 for at most zero, 0 for free. Fitted by
 * active set: a weight that comes out on the wrong side is fixed at zero and the rest refitted, until none
 * does. Without it a weight can take a wrong sign from features that move together, and then a question
 * sharing nothing with the articles, rarer in training than in use, looks answerable.
 */
export function fitLogistic(
  rows: readonly LabelledRow[],
  { l2 = Number(process.env['FIT_L2'] ?? 0.001), steps = 25, signs = [] as readonly number[] } = {},
): number[] {
  const width = (rows[0]?.values.length ?? 0) + 1;
  const fixed = new Set<number>();
  for (;;) {
    const weights = newtonLogistic(rows, width, fixed, l2, steps);
    let worst: { index: number; value: number } | undefined;
    weights.forEach((weight, index) => {
      const sign = signs[index] ?? 0;
      if (fixed.has(index) || sign === 0 || weight * sign >= 0) return;
      if (!worst || Math.abs(weight) > worst.value) worst = { index, value: Math.abs(weight) };
    });
    if (!worst) return weights;
    fixed.add(worst.index);
  }
}

function newtonLogistic(
  rows: readonly LabelledRow[],
  width: number,
  fixed: ReadonlySet<number>,
  l2: number,
  steps: number,
): number[] {
  const weights = new Array<number>(width).fill(0);
  const totalWeight = rows.reduce((total, row) => total + row.weight, 0) || 1;
  for (let step = 0; step < steps; step++) {
    const gradient = weights.map((weight, index) => (index < width - 1 ? l2 * weight : 0));
    const hessian = weights.map((_, row) =>
      weights.map((__, column) => (row === column && row < width - 1 ? l2 : row === column ? 1e-9 : 0)),
    );
    for (const { values, label, weight } of rows) {
      const extended = [...values, 1];
      const probability = sigmoid(dot(extended, weights));
      const scale = weight / totalWeight;
      const error = (probability - (label ? 1 : 0)) * scale;
      const curvature = probability * (1 - probability) * scale;
      extended.forEach((value, row) => {
        gradient[row] = (gradient[row] ?? 0) + error * value;
        const hessianRow = hessian[row] ?? [];
        extended.forEach((other, column) => {
          hessianRow[column] = (hessianRow[column] ?? 0) + curvature * value * other;
        });
      });
    }
    // A weight held at zero: its row and column say "no change" and nothing else.
    for (const index of fixed) {
      gradient[index] = 0;
      hessian.forEach((row, rowIndex) => {
        row[index] = rowIndex === index ? 1 : 0;
      });
      hessian[index] = hessian[index]?.map((_, column) => (column === index ? 1 : 0)) ?? [];
    }
    const change = solve(hessian, gradient);
    weights.forEach((weight, index) => (weights[index] = weight - (change[index] ?? 0)));
    if (Math.max(...change.map(Math.abs)) < 1e-7) break;
  }
  return weights;
}

export function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-logit));
}

function dot(left: readonly number[], right: readonly number[]): number {
  let total = 0;
  for (let index = 0; index < left.length; index++) total += (left[index] ?? 0) * (right[index] ?? 0);
  return total;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Gaussian elimination with partial pivoting; the Hessians here are a dozen rows and well conditioned. */
function solve(matrix: readonly (readonly number[])[], vector: readonly number[]): number[] {
  const size = vector.length;
  const rows = matrix.map((row, index) => [...row, vector[index] ?? 0]);
  for (let column = 0; column < size; column++) {
    let pivot = column;
    for (let row = column + 1; row < size; row++) {
      if (Math.abs(rows[row]?.[column] ?? 0) > Math.abs(rows[pivot]?.[column] ?? 0)) pivot = row;
    }
    [rows[column], rows[pivot]] = [rows[pivot] ?? [], rows[column] ?? []];
    const lead = rows[column]?.[column] ?? 0;
    if (Math.abs(lead) < 1e-12) continue;
    for (let row = 0; row < size; row++) {
      if (row === column) continue;
      const factor = (rows[row]?.[column] ?? 0) / lead;
      if (factor === 0) continue;
      for (let entry = column; entry <= size; entry++) {
        const target = rows[row];
        if (target) target[entry] = (target[entry] ?? 0) - factor * (rows[column]?.[entry] ?? 0);
      }
    }
  }
  return rows.map((row, index) => {
    const lead = row[index] ?? 0;
    return Math.abs(lead) < 1e-12 ? 0 : (row[size] ?? 0) / lead;
  });
}

/** Adam (Kingma and Ba, 2015): per-weight step sizes from running moments of the gradient. */
class Adam {
  private readonly first: number[];
  private readonly second: number[];
  private time = 0;

  constructor(
    width: number,
    private readonly rate: number,
  ) {
    this.first = new Array<number>(width).fill(0);
    this.second = new Array<number>(width).fill(0);
  }

  step(weights: number[], gradient: readonly number[]): void {
    this.time++;
    const beta1 = 0.9;
    const beta2 = 0.999;
    for (let index = 0; index < weights.length; index++) {
      const value = gradient[index] ?? 0;
      const first = (this.first[index] = beta1 * (this.first[index] ?? 0) + (1 - beta1) * value);
      const second = (this.second[index] = beta2 * (this.second[index] ?? 0) + (1 - beta2) * value * value);
      const corrected = first / (1 - beta1 ** this.time);
      const scale = Math.sqrt(second / (1 - beta2 ** this.time)) + 1e-8;
      weights[index] = (weights[index] ?? 0) - (this.rate * corrected) / scale;
    }
  }
}
