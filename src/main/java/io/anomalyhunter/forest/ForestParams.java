package io.anomalyhunter.forest;

/**
 * How a random forest is grown.
 *
 * @param trees        how many trees
 * @param maxDepth     no branch deeper than this
 * @param minLeaf      no leaf with fewer training rows (in-bag draws) than this
 * @param featuresPerSplit features tried at each split; 0 for the square root of their number
 * @param seed         everything random comes from it: the same data and seed give the same trees, bit for bit
 * @param classWeights each class's weight in the split criterion and the leaf distributions (rare classes up)
 */
public record ForestParams(int trees, int maxDepth, int minLeaf, int featuresPerSplit, long seed, double[] classWeights) {
    public ForestParams {
        if (trees < 1 || maxDepth < 1 || minLeaf < 1 || featuresPerSplit < 0) {
            throw new IllegalArgumentException("trees, maxDepth and minLeaf must be positive, featuresPerSplit not negative");
        }
        classWeights = classWeights.clone();
    }
}
