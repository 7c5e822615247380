package io.anomalyhunter.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The strongly connected groups of a package graph (Tarjan): each group of two or more is a cycle. */
final class PackageCycles {
    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<List<String>> cycles = new ArrayList<>();

    private PackageCycles(Map<String, Set<String>> graph) {
        this.graph = graph;
    }

    /** Each cycle as its packages in name order; cycles ordered by their first package. */
    static List<List<String>> of(Map<String, Set<String>> graph) {
        PackageCycles c = new PackageCycles(graph);
        new TreeSet<>(graph.keySet()).forEach(p -> {
            if (!c.index.containsKey(p)) {
                c.visit(p);
            }
        });
        c.cycles.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return c.cycles;
    }

    private void visit(String p) {
        index.put(p, index.size());
        low.put(p, index.get(p));
        stack.push(p);
        onStack.add(p);
        for (String q : new TreeSet<>(graph.getOrDefault(p, Set.of()))) {
            if (!index.containsKey(q)) {
                visit(q);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (onStack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            TreeSet<String> group = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                onStack.remove(q);
                group.add(q);
            } while (!q.equals(p));
            if (group.size() > 1) {
                cycles.add(List.copyOf(group));
            }
        }
    }
}
