package io.minigun;


/** A context shared by the stages that select it by name: one pool of {@code size} workers of one type. */
public record NamedContext(String name, ContextType type, int size) {
}
