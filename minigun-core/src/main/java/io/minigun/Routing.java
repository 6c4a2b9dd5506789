package io.minigun;

/** How a stage with several downstream stages distributes its items. */
public enum Routing {
    /** Every downstream stage receives every item (the default). */
    BROADCAST,
    /** Items are dealt to the downstream stages in turn, in declaration order. */
    ROUND_ROBIN
}
