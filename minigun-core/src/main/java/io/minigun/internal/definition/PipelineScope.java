package io.minigun.internal.definition;

import io.minigun.PipelineSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pipeline of the tree after flattening: its name, its place in the tree, its settings and hooks, and the graph
 * nodes its stage names stand for (a nested pipeline's name stands for its entrance).
 */
public final class PipelineScope {
    private final String name;
    private final String path;
    private final PipelineScope parent;
    private final PipelineSettings settings;
    private final Hooks hooks;
    private final Map<String, Integer> names = new LinkedHashMap<>();
    private final List<PipelineScope> children = new ArrayList<>();

    PipelineScope(String name, PipelineScope parent, PipelineSettings settings, Hooks hooks) {
        this.name = name;
        this.parent = parent;
        this.path = parent == null ? name : parent.path + "/" + name;
        this.settings = settings;
        this.hooks = hooks;
        if (parent != null) {
            parent.children.add(this);
        }
    }

    public String name() {
        return name;
    }

    /** The names from the root down to this pipeline, joined by {@code /}. */
    public String path() {
        return path;
    }

    public PipelineScope parent() {
        return parent;
    }

    public boolean isRoot() {
        return parent == null;
    }

    public PipelineSettings settings() {
        return settings;
    }

    public Hooks hooks() {
        return hooks;
    }

    /** The stage names declared directly in this pipeline, each with the node it stands for (-1 if none). */
    public Map<String, Integer> names() {
        return Collections.unmodifiableMap(names);
    }

    public List<PipelineScope> children() {
        return Collections.unmodifiableList(children);
    }

    void bind(String stageName, int nodeId) {
        names.put(stageName, nodeId);
    }

    @Override
    public String toString() {
        return path;
    }
}
