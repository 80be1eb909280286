package dev.nightcast.text;

import java.util.List;

/**
 * The word-level edit distance between what should have been read ({@code reference}) and what was
 * read ({@code hypothesis}), and the words the reading added before the first and after the last
 * word of the reference: a greeting or "Sure, here is the narration" in front, a sign-off behind.
 *
 * @param errors substitutions + deletions + insertions of a minimal alignment
 * @param extraBefore hypothesis words inserted before the first aligned reference word
 * @param extraAfter hypothesis words inserted after the last aligned reference word
 */
public record WordAlignment(int errors, List<String> extraBefore, List<String> extraAfter) {

    static WordAlignment of(List<String> reference, List<String> hypothesis) {
        int n = reference.size();
        int m = hypothesis.size();
        int[][] cost = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            cost[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            cost[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int diagonal = cost[i - 1][j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
                cost[i][j] = Math.min(diagonal, Math.min(cost[i - 1][j], cost[i][j - 1]) + 1);
            }
        }
        // Walk back along one minimal alignment; the hypothesis positions of the first and last
        // aligned reference words bound the extra words.
        int first = -1;
        int last = -1;
        int i = n;
        int j = m;
        while (i > 0 && j > 0) {
            boolean same = reference.get(i - 1).equals(hypothesis.get(j - 1));
            if (cost[i][j] == cost[i - 1][j - 1] + (same ? 0 : 1) && (same || cost[i][j] != cost[i][j - 1] + 1)) {
                if (last < 0) {
                    last = j - 1;
                }
                first = j - 1;
                i--;
                j--;
            } else if (cost[i][j] == cost[i][j - 1] + 1) {
                j--;
            } else {
                i--;
            }
        }
        if (first < 0) {
            return new WordAlignment(cost[n][m], List.copyOf(hypothesis), List.of());
        }
        return new WordAlignment(
                cost[n][m], List.copyOf(hypothesis.subList(0, first)), List.copyOf(hypothesis.subList(last + 1, m)));
    }
}
